import {
  type ConnectionStore,
  decodeEncryptionKey,
  encryptedConnectionStore,
  unstorageConnectionStore,
} from '@acme/pelm-server'
import type { Storage } from 'unstorage'
import type { DemoConfig } from './config'
import { loadOrCreateSecret } from './secrets'

export const ENCRYPTION_KEY_FILE = 'token-encryption.key'

/**
 * The connections (and their access tokens) in the demo's storage, encrypted at rest
 * (AES-256-GCM) with `TOKEN_ENCRYPTION_KEY`, or with a key generated into
 * `dataDir/token-encryption.key` (mode 0600) on the first run. Both are read by
 * `decodeEncryptionKey`, the decoder the store itself uses.
 */
export function createConnectionStore(
  config: Pick<DemoConfig, 'dataDir' | 'tokenEncryptionKey'>,
  storage: Storage,
): ConnectionStore {
  const key =
    config.tokenEncryptionKey ??
    loadOrCreateSecret(config.dataDir, ENCRYPTION_KEY_FILE, decodeEncryptionKey)
  return encryptedConnectionStore(unstorageConnectionStore(storage, { prefix: 'connections' }), {
    keys: [key],
  })
}
