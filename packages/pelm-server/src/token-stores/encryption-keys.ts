import { base64Decode, base64UrlEncode } from '../crypto'

/** A 256-bit AES key: 32 bytes, or a base64/base64url string of them (`openssl rand -base64 32`). */
export type EncryptionKeyInput = string | Uint8Array

export interface EncryptionKey {
  /** 8 characters naming the key inside each ciphertext, derived from the key by SHA-256. */
  id: string
  key: CryptoKey
}

function keyBytes(input: EncryptionKeyInput, index: number): Uint8Array<ArrayBuffer> {
  const bytes =
    typeof input === 'string'
      ? base64Decode(input.trim())
      : input instanceof Uint8Array
        ? new Uint8Array(input)
        : undefined
  if (bytes?.length !== 32) {
    throw new TypeError(
      `encryptedTokenStore: keys[${index}] must be 32 bytes, or base64 of 32 bytes ` +
        `(generate one with \`openssl rand -base64 32\`); got ${bytes ? `${bytes.length} bytes` : 'no base64'}.`,
    )
  }
  return bytes
}

/**
 * Checks the key list synchronously (a bad key throws when the store is created) and imports the
 * keys lazily (WebCrypto is async). The first key encrypts; all decrypt.
 */
export function prepareKeys(inputs: readonly EncryptionKeyInput[]): () => Promise<EncryptionKey[]> {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new TypeError(
      'encryptedTokenStore: keys must be a non-empty array; the first key encrypts, all decrypt.',
    )
  }
  const raw = inputs.map(keyBytes)
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
