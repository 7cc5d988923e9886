import type { SandboxUtility } from './utilities'

/** A connect token the sandbox issued through `POST /auth/connect-token`. */
export interface ConnectTokenRecord {
  token: string
  userId: string
  /** Set when the token fixes the utility (`utility_id` or `utility_slug`): selection is skipped. */
  utility?: SandboxUtility
  createdAt: number
  expiresAt: number
}

/** An authorization code handed back to `redirect_uri` at the end of the Connect flow. */
export interface CodeRecord {
  code: string
  userId: string
  utility: SandboxUtility
  expiresAt: number
  usedAt?: number
}

/** A Pelm User: one utility login of one of the app's users, reached through its access token. */
export interface PelmUserRecord {
  accessToken: string
  userId: string
  utility: SandboxUtility
  connectedAt: number
}

/** Why a code cannot be exchanged. */
export type CodeRejection = 'unknown' | 'expired' | 'used'

export const CONNECT_TOKEN_TTL_MS = 30 * 60 * 1000
export const CODE_TTL_MS = 10 * 60 * 1000

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('')
}

/**
 * The sandbox's memory: connect tokens, codes, connected users and access tokens. Every expiry is
 * read from the injected clock, so tests can move time instead of waiting.
 */
export class SandboxStore {
  readonly connectTokens = new Map<string, ConnectTokenRecord>()
  readonly codes = new Map<string, CodeRecord>()
  readonly pelmUsers = new Map<string, PelmUserRecord>()
  /** App user ids that completed a Connect flow at least once: their next flow is in update mode. */
  readonly connectedUserIds = new Set<string>()

  constructor(private readonly now: () => number) {}

  createConnectToken(userId: string, utility?: SandboxUtility): ConnectTokenRecord {
    const createdAt = this.now()
    const record: ConnectTokenRecord = {
      token: `ct_${randomHex(24)}`,
      userId,
      utility,
      createdAt,
      expiresAt: createdAt + CONNECT_TOKEN_TTL_MS,
    }
    this.connectTokens.set(record.token, record)
    return record
  }

  /** The token's record while it is valid; `undefined` when unknown or expired. */
  findConnectToken(token: string): ConnectTokenRecord | undefined {
    const record = this.connectTokens.get(token)
    return record && record.expiresAt > this.now() ? record : undefined
  }

  isUpdateMode(userId: string): boolean {
    return this.connectedUserIds.has(userId)
  }

  /** Ends a successful Connect flow: the user counts as connected and gets a one-time code. */
  issueCode(userId: string, utility: SandboxUtility): CodeRecord {
    const record: CodeRecord = {
      code: `code_${randomHex(24)}`,
      userId,
      utility,
      expiresAt: this.now() + CODE_TTL_MS,
    }
    this.codes.set(record.code, record)
    this.connectedUserIds.add(userId)
    return record
  }

  /** Exchanges a code once; a second exchange of the same code is rejected as `used`. */
  redeemCode(
    code: string,
  ): { ok: true; user: PelmUserRecord } | { ok: false; reason: CodeRejection } {
    const record = this.codes.get(code)
    if (!record) return { ok: false, reason: 'unknown' }
    if (record.usedAt !== undefined) return { ok: false, reason: 'used' }
    const now = this.now()
    if (record.expiresAt <= now) return { ok: false, reason: 'expired' }
    record.usedAt = now
    const user: PelmUserRecord = {
      accessToken: crypto.randomUUID(),
      userId: record.userId,
      utility: record.utility,
      connectedAt: now,
    }
    this.pelmUsers.set(user.accessToken, user)
    return { ok: true, user }
  }

  findByAccessToken(accessToken: string): PelmUserRecord | undefined {
    return this.pelmUsers.get(accessToken)
  }

  clear(): void {
    this.connectTokens.clear()
    this.codes.clear()
    this.pelmUsers.clear()
    this.connectedUserIds.clear()
  }
}
