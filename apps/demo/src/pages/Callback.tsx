import {
  ConnectButton,
  type PelmConnectError,
  useConnectCallback,
  useConnections,
} from '@acme/pelm-react'
import { useEffect, useState } from 'react'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { Spinner } from '../components/Spinner'
import { announceCallbackToOpener, openedByOurPage } from '../connect-attempt'
import { utilityName } from '../format'
import { useSession } from '../hooks/useSession'
import { describeError } from '../messages'
import { Link } from '../router'
import { startedByAnotherUser } from '../shown-user'

/** Nothing to exchange (a reload after success, or a visit): say where things stand. */
function Idle() {
  const connections = useConnections()
  if (connections.isPending) {
    return (
      <p role="status" className="callback-status">
        <Spinner /> Checking your connections…
      </p>
    )
  }
  if (connections.isError) {
    return (
      <>
        <PageTitle title="Your connections could not be checked" />
        <Notice tone="error" title="Could not load your connections">
          {describeError(connections.error)}
        </Notice>
        <Link href="/accounts" className="button button-primary">
          Go to your accounts
        </Link>
      </>
    )
  }
  const count = connections.data.length
  if (count > 0) {
    return (
      <>
        <PageTitle
          title={
            count === 1
              ? 'Your utility account is connected'
              : `You have ${count} connected utility accounts`
          }
        />
        <p className="lead">{connections.data?.map(utilityName).join(', ')}.</p>
        <Link href="/accounts" className="button button-primary">
          See your accounts <Icon name="arrow" />
        </Link>
      </>
    )
  }
  return (
    <>
      <PageTitle title="Nothing to finish here" />
      <p className="lead">This page completes a connection started from Homewatt.</p>
      <Link href="/connect" className="button button-primary">
        Connect a utility account
      </Link>
    </>
  )
}

/** The page Pelm sends the browser back to (`redirectUri`): exchanges the code, once. */
export function Callback() {
  // Before the hook's effect reports to the opener: the opener then knows Connect had opened.
  useEffect(announceCallbackToOpener, [])
  // The hook also takes Pelm's parameters (code, state, error) out of the address bar, history
  // and bookmarks, even a lone state with nothing to act on.
  const result = useConnectCallback()
  const current = useSession().data?.user
  // Read once: the app remembers the user signed in now as soon as the page shows them.
  const [starter] = useState(() => startedByAnotherUser(current))
  // "Try again" and "Connect utility account" could not open Connect (the URL could not be fetched)
  const [openFailed, setOpenFailed] = useState<PelmConnectError>()
  const retry = { onClick: () => setOpenFailed(undefined), onError: setOpenFailed }
  const openFailedNotice = openFailed && (
    <Notice tone="error" title="Could not open Pelm Connect">
      {describeError(openFailed)}
    </Notice>
  )
  const otherUser = result.status === 'error' && result.error.code === 'state_mismatch' && starter

  return (
    <div className="page-narrow">
      <section className="card callback">
        {result.status === 'idle' && <Idle />}
        {result.status === 'pending' && (
          <>
            <Spinner large />
            <PageTitle title="Finishing your connection…" />
            <p className="lead">Homewatt is confirming the connection with Pelm.</p>
          </>
        )}
        {result.status === 'success' && (
          <>
            <span className="callback-icon callback-icon-success">
              <Icon name="check" />
            </span>
            <PageTitle title="Utility account connected" />
            {/* Inside the popup, the opener takes the result and closes this window. */}
            {openedByOurPage() ? (
              <p className="lead">You can close this window and go back to Homewatt.</p>
            ) : (
              <>
                <p className="lead">
                  Homewatt can now read the bills, meters and daily use of{' '}
                  {utilityName(result.connection)}. Pelm may take a few seconds to gather
                  everything.
                </p>
                <Link href="/accounts" className="button button-primary button-large">
                  See your accounts <Icon name="arrow" />
                </Link>
              </>
            )}
          </>
        )}
        {result.status === 'error' && (
          <>
            <span className="callback-icon callback-icon-error">
              <Icon name="alert" />
            </span>
            <PageTitle title="We couldn’t connect your utility account" />
            <Notice tone="error" title="The connection was not completed">
              <p className="notice-paragraph" data-error-code={result.error.code}>
                {otherUser && current
                  ? `This connection was started while ${otherUser.name} was signed in to Homewatt, and ${current.name} is signed in now (in another tab). It was refused, so nothing was connected to either account. To connect it for ${otherUser.name}, sign out, sign in as ${otherUser.name} and start again.`
                  : describeError(result.error)}
              </p>
            </Notice>
            <div className="actions">
              {result.error.code === 'unauthenticated' ? (
                <Link href="/signin?next=/connect" className="button button-primary">
                  Sign in
                </Link>
              ) : (
                <ConnectButton className="button button-primary" {...retry}>
                  Try again
                </ConnectButton>
              )}
              <Link href="/accounts" className="button button-secondary">
                Back to Homewatt
              </Link>
            </div>
            {openFailedNotice}
          </>
        )}
        {result.status === 'exited' && (
          <>
            <span className="callback-icon callback-icon-info">
              <Icon name="info" />
            </span>
            <PageTitle title="You left Pelm Connect" />
            <p className="lead">
              No utility account was connected. You can connect whenever you are ready.
            </p>
            <div className="actions">
              <ConnectButton className="button button-primary" {...retry}>
                Connect utility account
              </ConnectButton>
              <Link href="/accounts" className="button button-secondary">
                Back to Homewatt
              </Link>
            </div>
            {openFailedNotice}
          </>
        )}
      </section>
    </div>
  )
}
