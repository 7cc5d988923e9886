import { base64Decode, base64UrlEncode } from '../crypto'

/** A 256-bit AES key: 32 bytes, or a base64/base64url string of them (`openssl rand -base64 32`). */
export type EncryptionKeyInput = string | Uint8Array

export interface EncryptionKey {
  /** 8 characters naming the key inside each ciphertext, derived from the key by SHA-256. */
  id: string
  key: CryptoKey
}

/**
 * Decodes one at-rest encryption key exactly as `encryptedConnectionStore` will: 32 bytes, or
 * canonical base64/base64url of 32 bytes (padding optional, surrounding whitespace ignored).
 * Throws a `TypeError` saying what is wrong; use it to check a key from configuration at
 * start-up with your own variable name in the message.
 *
 * @example
 * ```ts
 * import { decodeEncryptionKey } from '@acme/pelm-server'
 *
 * try {
 *   decodeEncryptionKey(process.env.TOKEN_ENCRYPTION_KEY ?? '')
 * } catch (error) {
 *   throw new Error(`TOKEN_ENCRYPTION_KEY: ${(error as Error).message}`)
 * }
 * ```
 */
export function decodeEncryptionKey(input: EncryptionKeyInput): Uint8Array<ArrayBuffer> {
  const bytes =
    typeof input === 'string'
      ? base64Decode(input.trim())
      : input instanceof Uint8Array
        ? new Uint8Array(input)
        : undefined
  if (bytes?.length !== 32) {
    const got =
      bytes !== undefined
        ? `${bytes.length} bytes`
        : typeof input === 'string'
          ? 'text that is not canonical base64 (check for spaces, line breaks or a changed last character)'
          : typeof input
    throw new TypeError(
      `an encryption key must be 32 bytes, or base64 of 32 bytes (generate one with \`openssl rand -base64 32\`); got ${got}.`,
    )
  }
  return bytes
}

/**
 * Checks the key list synchronously (a bad key throws when the store is created) and imports the
 * keys lazily (WebCrypto is async). The first key encrypts; all decrypt.
 */
export function prepareKeys(
  inputs: readonly EncryptionKeyInput[],
  owner: string,
): () => Promise<EncryptionKey[]> {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new TypeError(
      `${owner}: keys must be a non-empty array; the first key encrypts, all decrypt.`,
    )
  }
  const raw = inputs.map((input, index) => {
    try {
      return decodeEncryptionKey(input)
    } catch (error) {
      throw new TypeError(`${owner}: keys[${index}]: ${(error as Error).message}`)
    }
  })
  let imported: Promise<EncryptionKey[]> | undefined
  return () => {
    imported ??= Promise.all(
      raw.map(async (bytes) => ({
        id: base64UrlEncode(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))).slice(
          0,
          8,
        ),
        key: await crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']),
      })),
    )
    return imported
  }
}
