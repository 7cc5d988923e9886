import { join } from 'node:path'
import { encryptedTokenStore, type TokenStore, unstorageTokenStore } from '@acme/pelm-server'
import { createStorage, type Storage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs-lite'
import redisDriver from 'unstorage/drivers/redis'
import type { DemoConfig } from './config'
import { ensureDataDir, loadOrCreateSecret } from './secrets'

export const ENCRYPTION_KEY_FILE = 'token-encryption.key'

/** Files under `dataDir/tokens`, or Redis when `REDIS_URL` is set. */
export function tokenStorage(config: Pick<DemoConfig, 'dataDir' | 'redisUrl'>): Storage {
  if (config.redisUrl) {
    return createStorage({ driver: redisDriver({ url: config.redisUrl, base: 'pelm-demo' }) })
  }
  const base = join(config.dataDir, 'tokens')
  ensureDataDir(base)
  return createStorage({ driver: fsDriver({ base }) })
}

/**
 * Access tokens, encrypted at rest (AES-256-GCM) with `TOKEN_ENCRYPTION_KEY`, or with a key
 * generated into `dataDir/token-encryption.key` (mode 0600) on the first run.
 */
export function createTokenStore(
  config: Pick<DemoConfig, 'dataDir' | 'redisUrl' | 'tokenEncryptionKey'>,
  storage: Storage = tokenStorage(config),
): TokenStore {
  const key = config.tokenEncryptionKey ?? loadOrCreateSecret(config.dataDir, ENCRYPTION_KEY_FILE)
  return encryptedTokenStore(unstorageTokenStore(storage), { keys: [key] })
}
