import { randomBytes } from 'node:crypto'

/**
 * Fresh secrets for each test file: random canaries, so finding one anywhere (an answer, a log,
 * a bundle) can only mean it leaked from the server.
 */
export function createSecrets() {
  return {
    clientId: `security-client-${randomBytes(4).toString('hex')}`,
    clientSecret: `pelm_secret_${randomBytes(18).toString('hex')}`,
    cookieSecret: `cookie_secret_${randomBytes(24).toString('base64url')}`,
    /** An AES-256 key for `encryptedConnectionStore`, as `openssl rand -base64 32` prints it. */
    tokenKey: randomBytes(32).toString('base64'),
  }
}

export type Secrets = ReturnType<typeof createSecrets>

export interface Needle {
  label: string
  value: string
}

/** Every spelling of the configured secrets worth looking for. */
export function secretNeedles(secrets: Secrets): Needle[] {
  const keyBytes = Buffer.from(secrets.tokenKey, 'base64')
  return [
    { label: 'client secret', value: secrets.clientSecret },
    { label: 'cookie secret', value: secrets.cookieSecret },
    { label: 'encryption key (base64)', value: secrets.tokenKey },
    { label: 'encryption key (base64url)', value: keyBytes.toString('base64url') },
    { label: 'encryption key (hex)', value: keyBytes.toString('hex') },
  ]
}

/** Access tokens (with the Pelm user each was issued to): none may ever reach a browser. */
export function accessTokenNeedles(tokens: ReadonlyMap<string, string>): Needle[] {
  return [...tokens].map(([value, owner]) => ({ label: `access token of ${owner}`, value }))
}

/**
 * The labels of the needles found in `text`, also in URL-encoded and JSON-escaped forms.
 *
 * @example
 * ```ts
 * expect(findSecrets(await response.text(), needles)).toEqual([])
 * ```
 */
export function findSecrets(text: string, needles: readonly Needle[]): string[] {
  const decoded = safeDecode(text)
  return needles
    .filter(({ value }) => value.length >= 8)
    .filter(({ value }) => text.includes(value) || decoded.includes(value))
    .map(({ label }) => label)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
  }
}
