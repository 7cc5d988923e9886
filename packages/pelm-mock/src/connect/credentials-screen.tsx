/** @jsxImportSource hono/jsx */
import { TextField } from './field'
import { SandboxLoginsHint } from './sandbox-logins-hint'
import { type ScreenProps, utilityName } from './screen-props'

/** The utility login form; a refused login comes back with the username kept. */
export function CredentialsScreen({ session, urls, values, errors }: ScreenProps) {
  const name = utilityName(session)
  return (
    <>
      <h1>Sign in to {name}</h1>
      <p class="lead">Enter the username and password you use on {name}’s website.</p>
      <form method="post" action={urls.credentials}>
        <TextField
          name="username"
          label="Username"
          value={values.username ?? ''}
          autocomplete="username"
          error={errors.username}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          error={errors.password}
        />
        <button type="submit" class="button button-primary">
          Sign in
        </button>
      </form>
      <SandboxLoginsHint />
    </>
  )
}
