import {
  ConnectButton,
  type ConnectExit,
  type ConnectMode,
  type PelmConnectError,
  useConnection,
} from '@acme/pelm-react'
import { useState } from 'react'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { SandboxLogins } from '../components/SandboxLogins'
import { useSettings } from '../hooks/useSettings'
import { describeError } from '../messages'
import { Link, navigate } from '../router'

const STEPS = [
  ['Accept Pelm’s terms', 'Pelm is the secure service Homewatt uses to reach utilities.'],
  ['Choose your utility', 'The company that sends your electricity or gas bill.'],
  ['Sign in to your utility', 'With the username and password of its website.'],
] as const

type Outcome = { kind: 'exit'; exit: ConnectExit } | { kind: 'error'; error: PelmConnectError }

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'error') {
    return (
      <Notice tone="error" title="Could not open Pelm Connect">
        {describeError(outcome.error)}
      </Notice>
    )
  }
  const closed = outcome.exit.reason === 'popup_closed'
  return (
    <Notice
      tone="info"
      title={closed ? 'You closed the Pelm Connect window' : 'You left Pelm Connect'}
    >
      Nothing was connected. You can start again whenever you are ready.
    </Notice>
  )
}

/** Starts Pelm Connect: an optional utility, redirect or popup, and the button. */
export function Connect() {
  const settings = useSettings()
  const connection = useConnection()
  const [utilitySlug, setUtilitySlug] = useState('')
  const [mode, setMode] = useState<ConnectMode>('redirect')
  const [outcome, setOutcome] = useState<Outcome>()
  const utilities = settings.data?.utilities ?? []
  const chosen = utilities.find((utility) => utility.slug === utilitySlug)

  return (
    <div className="page-narrow">
      <PageTitle title="Connect your utility account" />
      <p className="lead">
        Homewatt reads your bills and meters through Pelm. You sign in to your utility on Pelm’s
        page; Homewatt never sees your utility password.
      </p>

      {connection.data?.connected && (
        <Notice tone="success" title="You already have a connected utility account">
          Connecting again updates it. <Link href="/accounts">See your accounts</Link>
        </Notice>
      )}
      {outcome && <OutcomeNotice outcome={outcome} />}

      <section className="card" aria-labelledby="how-title">
        <h2 id="how-title" className="card-title">
          How it works
        </h2>
        <ol className="steps">
          {STEPS.map(([title, text], index) => (
            <li key={title}>
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              <span>
                <strong>{title}</strong>
                <span className="muted">{text}</span>
              </span>
            </li>
          ))}
        </ol>

        <form className="connect-options" onSubmit={(event) => event.preventDefault()}>
          {utilities.length > 0 && (
            <div className="field">
              <label htmlFor="utility" className="label">
                Utility <span className="optional">(optional)</span>
              </label>
              <select
                id="utility"
                className="input"
                value={utilitySlug}
                aria-describedby="utility-hint"
                onChange={(event) => setUtilitySlug(event.target.value)}
              >
                <option value="">Let me choose in Pelm Connect</option>
                {utilities.map((utility) => (
                  <option key={utility.slug} value={utility.slug}>
                    {utility.name}
                  </option>
                ))}
              </select>
              <p id="utility-hint" className="hint">
                Picking one here skips Pelm’s utility list.
              </p>
            </div>
          )}
          <fieldset className="field">
            <legend className="label">Open Pelm Connect in</legend>
            <div className="segmented">
              {(
                [
                  ['redirect', 'This tab'],
                  ['popup', 'A popup window'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="segment">
                  <input
                    type="radio"
                    name="mode"
                    value={value}
                    checked={mode === value}
                    onChange={() => setMode(value)}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </form>

        <ConnectButton
          className="button button-primary button-large button-block"
          utilitySlug={utilitySlug || undefined}
          mode={mode}
          onClick={() => setOutcome(undefined)}
          onSuccess={() => navigate('/accounts', { state: { flash: 'connected' } })}
          onExit={(exit) => setOutcome({ kind: 'exit', exit })}
          onError={(error) => setOutcome({ kind: 'error', error })}
        >
          <Icon name="plug" />
          {chosen ? `Connect ${chosen.name}` : 'Connect utility account'}
        </ConnectButton>
        <p className="fine-print">
          <Icon name="lock" /> Secured by Pelm. You can disconnect at any time.
        </p>
      </section>

      {settings.data?.mode === 'sandbox' && <SandboxLogins logins={settings.data.sandboxLogins} />}
    </div>
  )
}
