import { findSandboxLogin, MAX_LOGIN_ATTEMPTS, SANDBOX_MFA_CODE } from '../sandbox/logins'
import type { SandboxStore } from '../sandbox/store'
import { findUtility } from '../sandbox/utilities'
import type { FlowAction } from './flow-urls'
import type { HandBack } from './hand-back'
import type { ConnectScreen, ConnectSession } from './session'

/** An inline error, tied to one input of the screen. */
export interface FieldError {
  code: 'required' | 'parameter_invalid' | 'credentials_invalid' | 'mfa_failed'
  message: string
}

export type FieldErrors = Partial<Record<string, FieldError>>

/** What the submitted values did: moved the flow on, need fixing, or ended the flow. */
export type FlowOutcome =
  | { kind: 'advance' }
  | { kind: 'invalid'; status: 401 | 422; values: Record<string, string>; errors: FieldErrors }
  | { kind: 'hand-back'; outcome: HandBack }

const advance: FlowOutcome = { kind: 'advance' }

const required = (message: string): FieldError => ({ code: 'required', message })

function invalid(values: Record<string, string>, errors: FieldErrors, status: 401 | 422 = 422) {
  return { kind: 'invalid', status, values, errors } as const satisfies FlowOutcome
}

/** Counts a refused login or code; the last allowed refusal ends the flow. */
function refuse(
  session: ConnectSession,
  values: Record<string, string>,
  field: string,
  error: FieldError,
): FlowOutcome {
  session.failedAttempts += 1
  const left = MAX_LOGIN_ATTEMPTS - session.failedAttempts
  if (left <= 0) return { kind: 'hand-back', outcome: { error: 'connect_max_attempted_logins' } }
  const attempts = left === 1 ? '1 attempt left' : `${left} attempts left`
  return invalid(values, { [field]: { ...error, message: `${error.message} ${attempts}.` } }, 401)
}

function connect(session: ConnectSession, store: SandboxStore): FlowOutcome {
  if (!session.utility || !session.username) return advance
  const { code } = store.issueCode(session.userId, session.utility, session.username)
  return { kind: 'hand-back', outcome: { code } }
}

export function acceptTerms(session: ConnectSession): FlowOutcome {
  session.termsAccepted = true
  return advance
}

export function chooseUtility(session: ConnectSession, form: Record<string, string>): FlowOutcome {
  const utility = form.utility ? findUtility({ slug: form.utility }) : undefined
  if (!utility) {
    const message = form.utility
      ? 'Choose a utility from the list.'
      : 'Choose your utility to continue.'
    const code = form.utility ? 'parameter_invalid' : 'required'
    return invalid({ q: form.q ?? '' }, { utility: { code, message } })
  }
  session.utility = utility
  return advance
}

export function submitCredentials(
  session: ConnectSession,
  store: SandboxStore,
  form: Record<string, string>,
): FlowOutcome {
  const username = form.username?.trim() ?? ''
  const password = form.password ?? ''
  const values = { username }
  const errors: FieldErrors = {}
  if (username === '') errors.username = required('Enter your username.')
  if (password === '') errors.password = required('Enter your password.')
  if (errors.username || errors.password) return invalid(values, errors)

  const login = findSandboxLogin(username, password)
  if (!login) {
    return refuse(session, values, 'password', {
      code: 'credentials_invalid',
      message: 'The username or password is incorrect.',
    })
  }
  session.username = login.username
  if (login.outcome === 'mfa_required') session.mfaPending = true
  if (login.outcome === 'utility_unavailable') session.utilityUnavailable = true
  return login.outcome === 'success' ? connect(session, store) : advance
}

export function submitMfaCode(
  session: ConnectSession,
  store: SandboxStore,
  form: Record<string, string>,
): FlowOutcome {
  const code = form.code?.replace(/\s+/g, '') ?? ''
  if (code === '') return invalid({}, { code: required('Enter the verification code.') })
  if (code !== SANDBOX_MFA_CODE) {
    return refuse(session, {}, 'code', {
      code: 'mfa_failed',
      message: 'That verification code is incorrect.',
    })
  }
  session.mfaPending = false
  return connect(session, store)
}

/** From the outage screen back to the credentials screen. */
export function retryLogin(session: ConnectSession): FlowOutcome {
  session.utilityUnavailable = false
  return advance
}

export function exitFlow(): FlowOutcome {
  return { kind: 'hand-back', outcome: { error: 'user_initiated_exit' } }
}

/** What a form post does, and the screen it belongs to (`undefined`: any screen). */
export interface FlowHandler {
  screen?: ConnectScreen
  run: (session: ConnectSession, form: Record<string, string>) => FlowOutcome
}

export function flowHandlers(store: SandboxStore): Record<FlowAction, FlowHandler> {
  return {
    terms: { screen: 'terms', run: acceptTerms },
    utility: { screen: 'utility', run: chooseUtility },
    credentials: {
      screen: 'credentials',
      run: (session, form) => submitCredentials(session, store, form),
    },
    mfa: { screen: 'mfa', run: (session, form) => submitMfaCode(session, store, form) },
    retry: { screen: 'unavailable', run: retryLogin },
    exit: { run: exitFlow },
  }
}
