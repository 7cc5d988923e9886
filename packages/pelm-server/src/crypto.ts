/**
 * Small WebCrypto helpers shared by the state signer and the encrypted token store. Internal: not
 * exported from the package.
 */

const encoder = new TextEncoder()
const BASE64URL = /^[A-Za-z0-9_-]*$/

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>
}

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length))
}

/** Base64url without padding (RFC 4648 §5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Decodes unpadded base64url; `undefined` when the text is not its canonical encoding (unused
 * low bits set), so one value has exactly one accepted spelling.
 */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return base64UrlEncode(bytes) === text ? bytes : undefined
}

/** Decodes standard base64 or base64url (padding optional); `undefined` when it is neither. */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  return base64UrlDecode(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
}

/**
 * Compares two strings in time that depends only on their lengths, never on where they differ.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = utf8(a)
  const right = utf8(b)
  const length = Math.max(left.length, right.length)
  let difference = left.length ^ right.length
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0)
  }
  return difference === 0
}

/** SHA-256 of a UTF-8 string, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Imports a secret string as an HMAC-SHA-256 key that can sign and verify. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
}

/** HMAC-SHA-256 of a UTF-8 message, base64url. */
export async function hmacSign(key: CryptoKey, message: string): Promise<string> {
  return base64UrlEncode(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(message))))
}

/** Checks a base64url HMAC-SHA-256 signature; WebCrypto compares in constant time. */
export async function hmacVerify(key: CryptoKey, signature: string, message: string) {
  const bytes = base64UrlDecode(signature)
  if (!bytes) return false
  return crypto.subtle.verify('HMAC', key, bytes, utf8(message))
}
