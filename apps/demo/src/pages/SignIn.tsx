import { type FormEvent, useState } from 'react'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { useSignIn } from '../hooks/useSignIn'
import { describeError } from '../messages'
import { navigate } from '../router'

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson']

const afterSignIn = () => {
  const next = new URLSearchParams(location.search).get('next')
  navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true })
}

/** The demo's stand-in for your app's sign-in: a name, no password. */
export function SignIn() {
  const signIn = useSignIn()
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate(name, { onSuccess: afterSignIn })
  }
  const errorId = 'name-error'

  return (
    <div className="signin">
      <section className="signin-pitch" aria-labelledby="pitch-title">
        <p className="eyebrow">Home energy, made simple</p>
        <h2 id="pitch-title" className="pitch-title">
          All your utility bills and meters in one place.
        </h2>
        <ul className="pitch-points">
          <li>
            <Icon name="plug" /> Link your electricity and gas accounts in a minute with Pelm.
          </li>
          <li>
            <Icon name="lock" /> Your utility password goes to Pelm, never to Homewatt.
          </li>
          <li>
            <Icon name="bolt" /> See every account, meter and recent bill at a glance.
          </li>
        </ul>
      </section>

      <section className="card signin-card">
        <PageTitle title="Sign in to Homewatt" />
        <p className="muted">
          This demo has no passwords: pick someone or type any name. Your own app would use its real
          sign-in here.
        </p>
        {signIn.error && signIn.error.code !== 'invalid_name' && (
          <Notice tone="error" title="Could not sign in">
            {describeError(signIn.error)}
          </Notice>
        )}
        <ul className="people" aria-label="Demo people">
          {PEOPLE.map((person) => (
            <li key={person}>
              <button
                type="button"
                className="person"
                disabled={signIn.isPending}
                onClick={() => signIn.mutate(person, { onSuccess: afterSignIn })}
              >
                <span className="avatar" aria-hidden="true">
                  {person
                    .split(' ')
                    .map((part) => part[0])
                    .join('')}
                </span>
                <span>Continue as {person}</span>
                <Icon name="arrow" className="person-arrow" />
              </button>
            </li>
          ))}
        </ul>
        <p className="divider">
          <span>or</span>
        </p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="name" className="label">
            Your name
          </label>
          <input
            id="name"
            name="name"
            className="input"
            autoComplete="name"
            value={name}
            maxLength={40}
            required
            aria-invalid={signIn.error?.code === 'invalid_name' || undefined}
            aria-describedby={signIn.error?.code === 'invalid_name' ? errorId : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {signIn.error?.code === 'invalid_name' && (
            <p id={errorId} className="field-error">
              {signIn.error.message}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary button-block signin-submit"
            disabled={signIn.isPending}
          >
            Sign in
          </button>
        </form>
      </section>
    </div>
  )
}
