/** @jsxImportSource hono/jsx */
import type { ScreenProps } from './screen-props'

/** Create mode's first screen: what connecting means, and the Terms of Service to accept. */
export function TermsScreen({ urls }: ScreenProps) {
  return (
    <>
      <h1>Connect your utility account</h1>
      <p class="lead">This app uses Pelm to connect to your utility account.</p>
      <ul class="points">
        <li>Your utility username and password are never shared with the app.</li>
        <li>The app can read your energy usage and bills, and nothing else.</li>
        <li>You can disconnect at any time.</li>
      </ul>
      <form method="post" action={urls.terms} class="actions">
        <p class="fine-print">
          By selecting “Accept and continue” you agree to Pelm’s Terms of Service and Privacy
          Policy. In this sandbox, nothing real is agreed to.
        </p>
        <button type="submit" class="button button-primary">
          Accept and continue
        </button>
      </form>
    </>
  )
}
