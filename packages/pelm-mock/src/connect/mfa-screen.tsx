/** @jsxImportSource hono/jsx */
import { SANDBOX_MFA_CODE } from '../sandbox/logins'
import { TextField } from './field'
import { type ScreenProps, utilityName } from './screen-props'

/** The one-time code the utility asks for after `mfa@pelm.com` signs in. */
export function MfaScreen({ session, urls, errors }: ScreenProps) {
  const name = utilityName(session)
  return (
    <>
      <h1>Enter your verification code</h1>
      <p class="lead">{name} sent a 6-digit code to the phone number on your account.</p>
      <form method="post" action={urls.mfa}>
        <TextField
          name="code"
          label="Verification code"
          autocomplete="one-time-code"
          inputmode="numeric"
          error={errors.code}
        />
        <button type="submit" class="button button-primary">
          Verify
        </button>
      </form>
      <p class="notice">Sandbox: the code is {SANDBOX_MFA_CODE}.</p>
    </>
  )
}
