import {
  type ConnectionRecord,
  type ConnectionStore,
  ConnectionStoreError,
  checkUserId,
  parseConnectionRecord,
} from '../connection-store'
import { base64UrlDecode, base64UrlEncode, randomBytes, utf8 } from '../crypto'
import { type EncryptionKeyInput, prepareKeys } from './encryption-keys'

/** Options of {@link encryptedConnectionStore}. */
export interface EncryptedConnectionStoreOptions {
  /**
   * AES-256 keys, newest first: the first encrypts every write, all of them decrypt. To rotate,
   * put a new key first and keep the old ones until every record was written again.
   */
  keys: readonly EncryptionKeyInput[]
}

const PREFIX = 'pelm-enc:v2'

/**
 * Wraps a connection store so each access token is encrypted at rest: AES-256-GCM, a random
 * 96-bit IV per write, and the app user id, the connection id and the Pelm user id as associated
 * data (a ciphertext copied to another user or another connection does not decrypt). The stored
 * `accessToken` reads `pelm-enc:v2:<key id>:<iv>:<ciphertext>`.
 *
 * @example
 * ```ts
 * import { encryptedConnectionStore, unstorageConnectionStore } from '@acme/pelm-server'
 *
 * const connectionStore = encryptedConnectionStore(unstorageConnectionStore(storage), {
 *   keys: [process.env.PELM_TOKEN_KEY!, process.env.PELM_TOKEN_KEY_OLD].filter(
 *     (key): key is string => !!key,
 *   ),
 * })
 * ```
 */
export function encryptedConnectionStore(
  store: ConnectionStore,
  options: EncryptedConnectionStoreOptions,
): ConnectionStore {
  const owner = 'encryptedConnectionStore'
  if (typeof store?.list !== 'function' || typeof store.set !== 'function') {
    throw new TypeError(`${owner}: the first argument must be a ConnectionStore.`)
  }
  const keys = prepareKeys(options?.keys, owner)
  // Length-prefixed, so no pair of ids can produce the same associated data as another.
  // The user id must be Unicode text: UTF-8 writes U+FFFD for a lone surrogate, another id.
  const associatedData = (userId: string, record: ConnectionRecord) =>
    utf8(
      `pelm-connection:${userId.length}:${checkUserId(userId, owner)}:${record.id.length}:${record.id}:${record.pelmUserId}`,
    )

  async function encrypt(userId: string, record: ConnectionRecord): Promise<string> {
    const [current] = await keys()
    if (!current) throw new TypeError(`${owner}: no key.`)
    const iv = randomBytes(12)
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(userId, record) },
      current.key,
      utf8(record.accessToken),
    )
    return `${PREFIX}:${current.id}:${base64UrlEncode(iv)}:${base64UrlEncode(new Uint8Array(ciphertext))}`
  }

  async function decrypt(userId: string, record: ConnectionRecord): Promise<ConnectionRecord> {
    const failure = (detail: string, cause?: unknown) =>
      new ConnectionStoreError('decryption_failed', `The stored access token ${detail}.`, {
        cause,
      })
    const parts = record.accessToken.split(':')
    if (parts.length !== 5 || `${parts[0]}:${parts[1]}` !== PREFIX) {
      throw failure('is not encrypted')
    }
    const [, , keyId, ivText, dataText] = parts
    const key = (await keys()).find((candidate) => candidate.id === keyId)
    if (!key) throw failure(`was encrypted with a key that is not configured (key id ${keyId})`)
    const iv = base64UrlDecode(ivText ?? '')
    const data = base64UrlDecode(dataText ?? '')
    if (iv?.length !== 12 || !data) throw failure('is malformed')
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: associatedData(userId, record) },
        key.key,
        data,
      )
      return { ...record, accessToken: new TextDecoder().decode(plain) }
    } catch (error) {
      throw failure('does not decrypt (tampered, or stored for another user or connection)', error)
    }
  }

  return {
    async list(userId) {
      return Promise.all((await store.list(userId)).map((record) => decrypt(userId, record)))
    },
    async get(userId, connectionId) {
      const record = await store.get(userId, connectionId)
      return record && decrypt(userId, record)
    },
    async set(userId, record) {
      const checked = parseConnectionRecord(record)
      await store.set(userId, { ...checked, accessToken: await encrypt(userId, checked) })
    },
    delete: (userId, connectionId) => store.delete(userId, connectionId),
  }
}
