/** @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx'
import { CredentialsScreen } from './credentials-screen'
import { Layout } from './layout'
import { MfaScreen } from './mfa-screen'
import type { ScreenProps } from './screen-props'
import { type ConnectScreen, type ConnectStep, currentScreen } from './session'
import { TermsScreen } from './terms-screen'
import { UnavailableScreen } from './unavailable-screen'
import { UtilityScreen } from './utility-screen'

const screens: Record<
  ConnectScreen,
  { title: string; step: ConnectStep; Screen: FC<ScreenProps> }
> = {
  terms: { title: 'Connect your utility account', step: 'terms', Screen: TermsScreen },
  utility: { title: 'Select your utility', step: 'utility', Screen: UtilityScreen },
  credentials: { title: 'Sign in', step: 'credentials', Screen: CredentialsScreen },
  mfa: { title: 'Verification code', step: 'credentials', Screen: MfaScreen },
  unavailable: { title: 'Utility unavailable', step: 'credentials', Screen: UnavailableScreen },
}

/** The whole page of the screen the session is on. */
export function ScreenPage(props: ScreenProps) {
  const screen = currentScreen(props.session)
  const { title, step, Screen } = screens[screen]
  const hasErrors = Object.keys(props.errors).length > 0
  return (
    <Layout
      title={hasErrors ? `Error: ${title}` : title}
      screen={screen}
      progress={{ steps: props.session.steps, current: step }}
      exitAction={props.urls.exit}
    >
      <Screen {...props} />
    </Layout>
  )
}
