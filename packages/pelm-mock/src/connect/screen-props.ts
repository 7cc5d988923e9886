import type { FieldErrors } from './flow'
import type { FlowUrls } from './flow-urls'
import type { ConnectSession } from './session'

/** What every screen renders from: the session, its form URLs, and a failed submission if any. */
export interface ScreenProps {
  session: ConnectSession
  urls: FlowUrls
  /** The values to show again after a refused submission (never a password). */
  values: Record<string, string>
  errors: FieldErrors
  /** The utility search (`q`), on the utility selection screen. */
  query: string
}

/** The chosen utility's name; every screen from Credentials on has one. */
export function utilityName(session: ConnectSession): string {
  return session.utility?.name ?? 'Your utility'
}
