import { pruneOldest, type Retention } from './retention'
import type { SandboxUtility } from './utilities'

/**
 * A Pelm User: one utility login, named by the `user_id` the app sent on the connect token.
 *
 * @example
 * ```ts
 * const user = mock.store.users.get('conn_1')
 * user?.credentialsValid // false after mock.invalidateCredentials('conn_1')
 * ```
 */
export interface PelmUserRecord {
  /** The `user_id` the app sent when it created the connect token: Pelm's id for this User. */
  userId: string
  utility: SandboxUtility
  /** The sandbox login that signed in on the Connect credentials screen, e.g. `user@pelm.com`. */
  utilityUsername: string
  /** `false` after a simulated password change at the utility, until Connect runs again (update mode). */
  credentialsValid: boolean
  /** When the first exchange made this User, on the sandbox clock (ms). Update mode keeps it. */
  connectedAt: number
  /** Every access token issued for this User, oldest first; all stay valid until it is deleted. */
  accessTokens: string[]
}

/** What the login of a finished Connect flow tells about a User. */
export interface UserLogin {
  userId: string
  utility: SandboxUtility
  utilityUsername: string
}

interface DeletedToken {
  userId: string
  deletedAt: number
}

/**
 * The connected Pelm Users, their access tokens, and the tokens of recently deleted Users (so
 * `/users/{id}` can answer a deleted User's own token with 404 rather than 401).
 */
export class SandboxUsers {
  private readonly byId = new Map<string, PelmUserRecord>()
  private readonly byToken = new Map<string, PelmUserRecord>()
  private readonly deletedTokens = new Map<string, DeletedToken>()

  constructor(
    private readonly now: () => number,
    private readonly retention: Retention,
    private readonly changed: () => void,
    initial: readonly PelmUserRecord[] = [],
  ) {
    this.load(initial)
  }

  /** The connected Users by `user_id`. */
  get all(): ReadonlyMap<string, PelmUserRecord> {
    return this.byId
  }

  /** Every valid access token with its User. */
  get tokens(): ReadonlyMap<string, PelmUserRecord> {
    return this.byToken
  }

  /**
   * Issues an access token for a finished Connect flow: a new User for an unknown `user_id`
   * (create mode), or the same User, credentials valid again, for a connected one (update mode).
   */
  connect(login: UserLogin, accessToken: string): PelmUserRecord {
    const user = this.byId.get(login.userId) ?? {
      userId: login.userId,
      utility: login.utility,
      utilityUsername: login.utilityUsername,
      credentialsValid: true,
      connectedAt: this.now(),
      accessTokens: [],
    }
    // Update mode may sign in again with another login of the utility, or pick another utility.
    user.utility = login.utility
    user.utilityUsername = login.utilityUsername
    user.credentialsValid = true
    user.accessTokens.push(accessToken)
    this.byId.set(user.userId, user)
    this.byToken.set(accessToken, user)
    this.changed()
    return user
  }

  /** Marks a User's credentials invalid, as a password change at the utility would. */
  invalidateCredentials(userId: string): boolean {
    const user = this.byId.get(userId)
    if (!user) return false
    user.credentialsValid = false
    this.changed()
    return true
  }

  /** Deletes a User: its tokens are refused from now on. */
  delete(userId: string): boolean {
    const user = this.byId.get(userId)
    if (!user) return false
    const deletedAt = this.now()
    for (const token of user.accessTokens) {
      this.byToken.delete(token)
      this.deletedTokens.set(token, { userId, deletedAt })
    }
    pruneOldest(this.deletedTokens, this.retention, deletedAt, (entry) => entry.deletedAt)
    this.byId.delete(userId)
    this.changed()
    return true
  }

  /** The `user_id` of the deleted User this token belonged to, while it is still gone. */
  deletedOwnerOf(accessToken: string): string | undefined {
    const entry = this.deletedTokens.get(accessToken)
    return entry && !this.byId.has(entry.userId) ? entry.userId : undefined
  }

  /** Replaces every User; tokens of deleted Users are forgotten. */
  replace(users: readonly PelmUserRecord[]): void {
    this.load(users)
    this.changed()
  }

  private load(users: readonly PelmUserRecord[]): void {
    this.byId.clear()
    this.byToken.clear()
    this.deletedTokens.clear()
    for (const user of users) {
      this.byId.set(user.userId, user)
      for (const token of user.accessTokens) this.byToken.set(token, user)
    }
  }
}
