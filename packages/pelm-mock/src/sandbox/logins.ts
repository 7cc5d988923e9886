/**
 * What the hosted Connect pages do after a sandbox login is submitted.
 *
 * @example
 * ```ts
 * import { type SandboxLoginOutcome, sandboxLogins } from '@acme/pelm-mock'
 * const outcome: SandboxLoginOutcome = 'mfa_required'
 * const mfaLogin = sandboxLogins.find((login) => login.outcome === outcome)
 * ```
 */
export type SandboxLoginOutcome = 'success' | 'mfa_required' | 'utility_unavailable'

/**
 * A utility login the sandbox's Connect pages accept, and what it makes them do.
 *
 * @example
 * ```ts
 * import type { SandboxLogin } from '@acme/pelm-mock'
 * const describe = (login: SandboxLogin) => `${login.username} / ${login.password}: ${login.description}`
 * ```
 */
export interface SandboxLogin {
  username: string
  password: string
  outcome: SandboxLoginOutcome
  description: string
}

/**
 * The one-time code the sandbox's MFA screen accepts (after `mfa@pelm.com` signs in).
 *
 * @example
 * ```ts
 * import { SANDBOX_MFA_CODE } from '@acme/pelm-mock'
 * await page.getByLabel('Verification code').fill(SANDBOX_MFA_CODE)
 * ```
 */
export const SANDBOX_MFA_CODE = '123456'

/**
 * A Connect flow ends after this many refused logins or MFA codes, counted together: the user is
 * sent to `redirect_uri?error=connect_max_attempted_logins`.
 *
 * @example
 * ```ts
 * import { MAX_LOGIN_ATTEMPTS } from '@acme/pelm-mock'
 * for (let i = 0; i < MAX_LOGIN_ATTEMPTS; i++) await signIn('user@pelm.com', 'wrong')
 * ```
 */
export const MAX_LOGIN_ATTEMPTS = 5

/**
 * The utility logins the sandbox's hosted Connect pages accept, for every sandbox utility. Any
 * other username or password is refused as `credentials_invalid`; the fifth refusal (wrong login or
 * wrong MFA code) ends the flow with `connect_max_attempted_logins`.
 *
 * @example
 * ```ts
 * import { sandboxLogins } from '@acme/pelm-mock'
 *
 * for (const login of sandboxLogins) {
 *   console.log(`${login.username} / ${login.password}: ${login.description}`)
 * }
 * ```
 */
export const sandboxLogins: readonly SandboxLogin[] = [
  {
    username: 'user@pelm.com',
    password: 'password',
    outcome: 'success',
    description: 'Connects at once and hands a code back to the app.',
  },
  {
    username: 'mfa@pelm.com',
    password: 'password',
    outcome: 'mfa_required',
    description: `Asks for a one-time code: ${SANDBOX_MFA_CODE} connects, any other code fails with mfa_failed.`,
  },
  {
    username: 'unavailable@pelm.com',
    password: 'password',
    outcome: 'utility_unavailable',
    description:
      "Reports utility_unavailable: the utility's website is down; the user may try again or exit.",
  },
]

/**
 * The sandbox login matching a username (trimmed, case-insensitive, like an email) and password
 * (exact); `undefined` when the pair is not one of {@link sandboxLogins}.
 *
 * @example
 * ```ts
 * import { findSandboxLogin } from '@acme/pelm-mock'
 *
 * findSandboxLogin('MFA@pelm.com', 'password')?.outcome // 'mfa_required'
 * findSandboxLogin('user@pelm.com', 'wrong') // undefined
 * ```
 */
export function findSandboxLogin(username: string, password: string): SandboxLogin | undefined {
  const normalized = username.trim().toLowerCase()
  return sandboxLogins.find((login) => login.username === normalized && login.password === password)
}
