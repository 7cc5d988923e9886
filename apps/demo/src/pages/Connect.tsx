import {
  ConnectButton,
  type ConnectExit,
  type ConnectMode,
  type PelmConnectError,
  useConnections,
} from '@acme/pelm-react'
import { useEffect, useRef, useState } from 'react'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { SandboxLogins } from '../components/SandboxLogins'
import { type Baseline, baselineOf, CALLBACK_REACHED, madeSince } from '../connect-attempt'
import { utilityName } from '../format'
import { useSettings } from '../hooks/useSettings'
import { describeError } from '../messages'
import { Link, navigate } from '../router'

const STEPS = [
  ['Accept Pelm’s terms', 'Pelm is the secure service Homewatt uses to reach utilities.'],
  ['Choose your utility', 'The company that sends your electricity or gas bill.'],
  ['Sign in to your utility', 'With the username and password of its website.'],
] as const

/** How long after a closed popup the list is read once more: its exchange may still be running. */
const SETTLE_MS = 1500

type Outcome =
  | { kind: 'exit'; exit: ConnectExit; baseline: Baseline; checked: boolean }
  | { kind: 'error'; error: PelmConnectError; opened: boolean }

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const connections = useConnections()
  if (outcome.kind === 'error') {
    return (
      <Notice
        tone="error"
        title={outcome.opened ? 'The connection was not completed' : 'Could not open Pelm Connect'}
      >
        {describeError(outcome.error)}
      </Notice>
    )
  }
  if (!outcome.checked) {
    return (
      <Notice tone="info" title="Checking your connections…">
        Homewatt is checking whether a connection was made.
      </Notice>
    )
  }
  const made = madeSince(outcome.baseline, connections.data)
  if (made) {
    return (
      <Notice tone="success" title={`${utilityName(made)} is connected`}>
        The connection went through. <Link href="/accounts">See your accounts</Link>
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
  const connections = useConnections()
  const [utilitySlug, setUtilitySlug] = useState('')
  const [mode, setMode] = useState<ConnectMode>('redirect')
  const [outcome, setOutcome] = useState<Outcome>()
  const attempt = useRef({ baseline: baselineOf(undefined), callbackReached: false })
  const utilities = settings.data?.utilities ?? []
  const chosen = utilities.find((utility) => utility.slug === utilitySlug)
  const count = connections.data?.length ?? 0

  // Our callback page inside the popup says it loaded: Connect had opened and came back.
  useEffect(() => {
    const onMessage = ({ origin, data }: MessageEvent<unknown>) => {
      if (origin === location.origin && Object(data).type === CALLBACK_REACHED) {
        attempt.current.callbackReached = true
      }
    }
    addEventListener('message', onMessage)
    return () => removeEventListener('message', onMessage)
  }, [])

  const onExit = async (exit: ConnectExit) => {
    const { baseline, callbackReached } = attempt.current
    setOutcome({ kind: 'exit', exit, baseline, checked: false })
    // How it ended says little: the exchange may have run (popup closed while it finished,
    // Back after a successful redirect). The server's list decides.
    const fresh = await connections.refetch()
    if (!madeSince(baseline, fresh.data) && callbackReached) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      await connections.refetch()
    }
    setOutcome({ kind: 'exit', exit, baseline, checked: true })
  }

  return (
    <div className="page-narrow">
      <PageTitle title="Connect your utility account" />
      <p className="lead">
        Homewatt reads your bills, meters and daily use through Pelm. You sign in to your utility on
        Pelm’s page; Homewatt never sees your utility password.
      </p>

      {count > 0 && !outcome && (
        <Notice
          tone="success"
          title={`You have ${count} connected utility ${count === 1 ? 'account' : 'accounts'}`}
        >
          Connecting another one adds it. <Link href="/accounts">See your accounts</Link>
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
          onClick={() => {
            setOutcome(undefined)
            attempt.current = { baseline: baselineOf(connections.data), callbackReached: false }
          }}
          onSuccess={() => navigate('/accounts', { state: { flash: 'connected' } })}
          onExit={(exit) => void onExit(exit)}
          onError={(error) =>
            setOutcome({ kind: 'error', error, opened: attempt.current.callbackReached })
          }
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
