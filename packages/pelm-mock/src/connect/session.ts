import { pruneOldest, type Retention } from '../sandbox/retention'
import type { SandboxUtility } from '../sandbox/utilities'

/** The steps the step indicator shows; MFA and outage screens belong to `credentials`. */
export type ConnectStep = 'terms' | 'utility' | 'credentials'

/** The screen a session is on, derived from its progress. */
export type ConnectScreen = ConnectStep | 'mfa' | 'unavailable'

/** The server-side progress of one Connect flow, from the entry page to the hand-back. */
export interface ConnectSession {
  id: string
  connectToken: string
  userId: string
  /** Validated at entry: an absolute http(s) URL. */
  redirectUri: string
  /** Echoed back exactly; `undefined` when the app sent none. */
  state: string | undefined
  /** Fixed when the flow starts, from the mode and whether the token fixes the utility. */
  steps: readonly ConnectStep[]
  termsAccepted: boolean
  utility: SandboxUtility | undefined
  failedAttempts: number
  /** The sandbox login that signed in last; it becomes the User's `utility_username`. */
  username: string | undefined
  mfaPending: boolean
  /** The last login reported the utility's site as down; the outage screen is showing. */
  utilityUnavailable: boolean
  /** When the connect token expires, and with it the session. */
  expiresAt: number
  /** When the entry page opened it, on the sandbox clock. */
  startedAt: number
  /** Set once the flow ended: the hand-back URL it sent, and the code in it if it connected. */
  handedBack?: { url: string; code?: string }
}

export type NewConnectSession = Pick<
  ConnectSession,
  'connectToken' | 'userId' | 'redirectUri' | 'state' | 'utility' | 'expiresAt'
> & { updateMode: boolean }

function stepsFor(session: NewConnectSession): ConnectStep[] {
  const steps: ConnectStep[] = []
  if (!session.updateMode) steps.push('terms')
  if (!session.utility) steps.push('utility')
  steps.push('credentials')
  return steps
}

/** The screen to show: the first step not done yet, then MFA or the outage screen. */
export function currentScreen(session: ConnectSession): ConnectScreen {
  if (session.steps.includes('terms') && !session.termsAccepted) return 'terms'
  if (!session.utility) return 'utility'
  if (session.utilityUnavailable) return 'unavailable'
  if (session.mfaPending) return 'mfa'
  return 'credentials'
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `cs_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`
}

/**
 * In-memory Connect sessions, keyed by an unguessable id carried in the page URLs. They are
 * forgotten by count and age (`retention`, from when they started); until then a session whose
 * connect token expired still says "expired" rather than "unknown".
 */
export class ConnectSessions {
  private readonly sessions = new Map<string, ConnectSession>()

  constructor(
    private readonly now: () => number,
    private readonly retention: Retention,
  ) {}

  start(init: NewConnectSession): ConnectSession {
    const startedAt = this.now()
    const { updateMode: _updateMode, ...rest } = init
    const session: ConnectSession = {
      ...rest,
      id: randomId(),
      steps: stepsFor(init),
      termsAccepted: false,
      failedAttempts: 0,
      username: undefined,
      mfaPending: false,
      utilityUnavailable: false,
      startedAt,
    }
    this.sessions.set(session.id, session)
    pruneOldest(this.sessions, this.retention, startedAt, (entry) => entry.startedAt)
    return session
  }

  find(id: string): ConnectSession | undefined {
    return this.sessions.get(id)
  }

  /**
   * Ends the flow. The session is kept (as long as `retention` allows) with its hand-back, so a
   * repeated post can be answered with the same one rather than a dead end.
   */
  end(session: ConnectSession, handedBack: { url: string; code?: string }): void {
    session.handedBack = handedBack
  }
}
