/**
 * Small crypto helpers shared by the state signer, the stores and the encrypted store: WebCrypto
 * where it is needed (AES-GCM, random bytes), @noble/hashes for synchronous hashing. Internal: not
 * exported from the package.
 */

import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

const encoder = new TextEncoder()
const BASE64URL = /^[A-Za-z0-9_-]*$/

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>
}

const POOL_BYTES = 4096
let pool = new Uint8Array(0)
let pooled = 0

/**
 * `length` cryptographically random bytes (`crypto.getRandomValues`), drawn 4 KiB at a time:
 * each call of it is a native job in Node, dear for GC (about 25 µs each under load), and a
 * connect-token needs three (connection id, nonce, binding). Each byte is handed out once and
 * wiped from the pool. Requests larger than the pool are drawn directly.
 */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  if (length > POOL_BYTES) return crypto.getRandomValues(new Uint8Array(length))
  if (pooled + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES))
    pooled = 0
  }
  const bytes = pool.slice(pooled, pooled + length)
  pool.fill(0, pooled, pooled + length)
  pooled += length
  return bytes
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const letter = (n: number) => ALPHABET.charAt(n & 63)

/** Base64url without padding (RFC 4648 §5), by table (no `btoa` and three regex passes). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let text = ''
  let at = 0
  for (; at + 2 < bytes.length; at += 3) {
    const n = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0)
    text += letter(n >> 18) + letter(n >> 12) + letter(n >> 6) + letter(n)
  }
  if (at < bytes.length) {
    const n = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8)
    text += letter(n >> 18) + letter(n >> 12) + (at + 1 < bytes.length ? letter(n >> 6) : '')
  }
  return text
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

/** SHA-256 of a UTF-8 string, as lowercase hex (synchronous: no WebCrypto round trip). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8(text)))
}

/**
 * An HMAC-SHA-256 signer for one key: answers the base64url MAC of a UTF-8 message. Synchronous
 * and the same on every runtime (@noble/hashes, audited, pure JS): a WebCrypto `sign` is an
 * asynchronous job per call, several times slower for messages this short. The key's inner and
 * outer pads are hashed once; each message clones that state.
 */
export function hmacSha256(key: string): (message: string) => string {
  const keyed = hmac.create(sha256, utf8(key))
  return (message) => base64UrlEncode(keyed.clone().update(utf8(message)).digest())
}
