/** @jsxImportSource hono/jsx */
import { type ScreenProps, utilityName } from './screen-props'

/** `utility_unavailable`: the utility's website is down; the user may try again or exit. */
export function UnavailableScreen({ session, urls }: ScreenProps) {
  const name = utilityName(session)
  return (
    <>
      <h1>{name} is unavailable</h1>
      <p class="lead">
        {name}’s website is not responding right now, so we could not sign you in. This is usually
        temporary: try again in a few minutes, or exit and come back later.
      </p>
      <p class="error-code">Error code: utility_unavailable</p>
      <form method="post" action={urls.retry}>
        <button type="submit" class="button button-primary">
          Try again
        </button>
      </form>
    </>
  )
}
