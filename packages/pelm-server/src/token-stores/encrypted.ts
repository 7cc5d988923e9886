import { base64UrlDecode, base64UrlEncode, randomBytes, utf8 } from '../crypto'
import { type TokenStore, TokenStoreError } from '../token-store'
import { type EncryptionKeyInput, prepareKeys } from './encryption-keys'

/** Options of {@link encryptedTokenStore}. */
export interface EncryptedTokenStoreOptions {
  /**
   * AES-256 keys, newest first: the first encrypts every write, all of them decrypt. To rotate,
   * put a new key first and keep the old ones until every record was written again.
   */
  keys: readonly EncryptionKeyInput[]
}

const PREFIX = 'pelm-enc:v1'

/**
 * Wraps a token store so the access token is encrypted at rest: AES-256-GCM, a random 96-bit IV
 * per write, the user id as associated data (a ciphertext copied to another user does not
 * decrypt). The stored `accessToken` reads `pelm-enc:v1:<key id>:<iv>:<ciphertext>`.
 *
 * @example
 * ```ts
 * import { encryptedTokenStore, unstorageTokenStore } from '@acme/pelm-server'
 *
 * const tokenStore = encryptedTokenStore(unstorageTokenStore(storage), {
 *   keys: [process.env.PELM_TOKEN_KEY!, process.env.PELM_TOKEN_KEY_OLD!].filter(Boolean),
 * })
 * ```
 */
export function encryptedTokenStore(
  store: TokenStore,
  options: EncryptedTokenStoreOptions,
): TokenStore {
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new TypeError('encryptedTokenStore: the first argument must be a TokenStore.')
  }
  const keys = prepareKeys(options?.keys)
  const associatedData = (userId: string) => utf8(`pelm-token:${userId}`)

  async function encrypt(userId: string, accessToken: string): Promise<string> {
    const [current] = await keys()
    if (!current) throw new TypeError('encryptedTokenStore: no key.')
    const iv = randomBytes(12)
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(userId) },
      current.key,
      utf8(accessToken),
    )
    return `${PREFIX}:${current.id}:${base64UrlEncode(iv)}:${base64UrlEncode(new Uint8Array(ciphertext))}`
  }

  async function decrypt(userId: string, stored: string): Promise<string> {
    const failure = (detail: string, cause?: unknown) =>
      new TokenStoreError('decryption_failed', `The stored access token ${detail}.`, { cause })
    const parts = stored.split(':')
    if (parts.length !== 5 || `${parts[0]}:${parts[1]}` !== PREFIX)
      throw failure('is not encrypted')
    const [, , keyId, ivText, dataText] = parts
    const key = (await keys()).find((candidate) => candidate.id === keyId)
    if (!key) throw failure(`was encrypted with a key that is not configured (key id ${keyId})`)
    const iv = base64UrlDecode(ivText ?? '')
    const data = base64UrlDecode(dataText ?? '')
    if (iv?.length !== 12 || !data) throw failure('is malformed')
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: associatedData(userId) },
        key.key,
        data,
      )
      return new TextDecoder().decode(plain)
    } catch (error) {
      throw failure('does not decrypt (tampered, or stored for another user)', error)
    }
  }

  return {
    async get(userId) {
      const record = await store.get(userId)
      return record && { ...record, accessToken: await decrypt(userId, record.accessToken) }
    },
    async set(userId, record) {
      await store.set(userId, { ...record, accessToken: await encrypt(userId, record.accessToken) })
    },
    delete: (userId) => store.delete(userId),
  }
}
