import { base64UrlDecode, base64UrlEncode } from './crypto'
import { type ConnectedUtility, readConnectedUtility } from './token-store'

const NONCE = /^[A-Za-z0-9_-]{43}$/

/** What the signed cookie value carries (short keys: it travels in every request to the mount). */
export interface StatePayload {
  /** The nonce: the `state` sent to Pelm. */
  n: string
  /** Issued at, ms since the epoch. */
  t: number
  /** HMAC of the user id: binds the state to the user without revealing the id. */
  u: string
  /** The utility the flow was started for. */
  y?: ConnectedUtility
}

/** Reads a payload that passed the signature check; `undefined` when malformed. */
export function decodePayload(encoded: string): StatePayload | undefined {
  const bytes = base64UrlDecode(encoded)
  if (!bytes) return undefined
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { n, t, u, y } = value as Record<string, unknown>
  if (typeof n !== 'string' || !NONCE.test(n) || typeof u !== 'string') return undefined
  if (typeof t !== 'number' || !Number.isSafeInteger(t)) return undefined
  const utility = y === undefined ? undefined : readConnectedUtility(y)
  if (y !== undefined && !utility) return undefined
  return { n, t, u, ...(utility && { y: utility }) }
}

export function encodePayload(payload: StatePayload): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload)))
}
