import type { PelmUserRecord } from '../sandbox/users'

/**
 * A Pelm User as `GET /users/{user_id}` answers it.
 *
 * @example
 * ```ts
 * import type { PelmApiUser } from '@acme/pelm-mock'
 *
 * const user: PelmApiUser = await (await mock.fetch(`${mock.apiUrl}/users/conn_1`, { headers })).json()
 * if (!user.credentials_valid) console.log(`${user.utility.full_name}: reconnect needed`)
 * ```
 */
export interface PelmApiUser {
  /** The `user_id` the app sent on the connect token. */
  id: string
  utility: { id: string; full_name: string }
  utility_username: string
  credentials_valid: boolean
}

/**
 * The sandbox's answer to `DELETE /users/{user_id}` (200). Pelm documents no body for Delete user;
 * clients should accept any 2xx.
 *
 * @example
 * ```ts
 * import type { PelmApiDeletedUser } from '@acme/pelm-mock'
 *
 * const body: PelmApiDeletedUser = { id: 'conn_1', deleted: true }
 * ```
 */
export interface PelmApiDeletedUser {
  id: string
  deleted: true
}

/** The wire shape of a User. */
export function userBody(user: PelmUserRecord): PelmApiUser {
  return {
    id: user.userId,
    utility: { id: user.utility.id, full_name: user.utility.name },
    utility_username: user.utilityUsername,
    credentials_valid: user.credentialsValid,
  }
}
