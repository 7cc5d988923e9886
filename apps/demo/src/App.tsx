import { useConnections } from '@acme/pelm-react'
import { useQueryClient } from '@tanstack/react-query'
import { type JSX, type ReactNode, useEffect, useRef, useState } from 'react'
import type { DemoUser } from '../shared/types'
import { Layout } from './components/Layout'
import { Notice } from './components/Notice'
import { RetryNotice } from './components/RetryNotice'
import { Spinner } from './components/Spinner'
import { sessionKey, useSession } from './hooks/useSession'
import { Accounts } from './pages/Accounts'
import { Callback } from './pages/Callback'
import { Connect } from './pages/Connect'
import { NotFound } from './pages/NotFound'
import { SignIn } from './pages/SignIn'
import { navigate, usePathname } from './router'
import { showUser } from './session-fetch'
import { rememberShownUser } from './shown-user'

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}

function Waiting({ label }: { label: string }) {
  return (
    <p role="status" className="loading-line page-narrow">
      <Spinner /> {label}
    </p>
  )
}

/**
 * Another person signed in in another tab while this one showed someone (this tab learns it when
 * the server refuses a request with `session_changed` and the session is read again): what was
 * cached for the previous person is dropped, and the page says who is signed in now. A sign-out
 * then a sign-in in this tab goes through nobody, and says nothing.
 */
function useUserSwitch(user: DemoUser | null | undefined, known: boolean) {
  const queryClient = useQueryClient()
  const pathname = usePathname()
  const previous = useRef<DemoUser | null>(null)
  const [switched, setSwitched] = useState<{ from: DemoUser; pathname: string }>()
  useEffect(() => {
    if (!known) return
    const before = previous.current
    previous.current = user ?? null
    if (!before || !user || before.id === user.id) return
    setSwitched({ from: before, pathname })
    void queryClient.resetQueries({
      predicate: (query) =>
        query.queryKey[0] !== sessionKey[0] || query.queryKey[1] !== sessionKey[1],
    })
  }, [user, known, pathname, queryClient])
  return switched
}

/** `/`: the accounts once connected, the connect page before. */
function Home() {
  const connections = useConnections()
  if (connections.isError) return <Redirect to="/accounts" />
  if (!connections.data) return <Waiting label="Loading…" />
  return <Redirect to={connections.data.length > 0 ? '/accounts' : '/connect'} />
}

const pages = new Map<string, () => JSX.Element>([
  ['/', Home],
  ['/connect', Connect],
  ['/accounts', Accounts],
  ['/pelm/callback', Callback],
])

/** Routes on the path; every page but sign-in and the Pelm callback needs a signed-in user. */
export function App() {
  const pathname = usePathname()
  const session = useSession()
  const user = session.data?.user
  // Before the pages render: every request they make names the user they show.
  showUser(user?.id)
  useEffect(() => {
    if (user) rememberShownUser(user)
  }, [user])
  const switched = useUserSwitch(user, session.data !== undefined)

  let page: ReactNode
  if (session.isError) {
    page = (
      <div className="page-narrow">
        <RetryNotice
          title="Homewatt is not reachable"
          error={session.error}
          onRetry={() => void session.refetch()}
        />
      </div>
    )
  } else if (!session.data) {
    page = <Waiting label="Loading…" />
  } else if (pathname === '/signin') {
    page = user ? <Redirect to="/" /> : <SignIn />
  } else if (pathname === '/pelm/callback') {
    page = <Callback />
  } else if (!user) {
    page = <Redirect to={`/signin?next=${encodeURIComponent(pathname)}`} />
  } else {
    const Page = pages.get(pathname) ?? NotFound
    page = <Page />
  }

  return (
    <Layout user={user}>
      {switched && user && switched.pathname === pathname && (
        <div className="page-wide">
          <Notice tone="info" title={`You are signed in as ${user.name} now`}>
            {user.name} signed in to Homewatt in another tab of this browser, so this tab shows{' '}
            {user.name}’s accounts now. Nothing was changed for {switched.from.name}.
          </Notice>
        </div>
      )}
      {page}
    </Layout>
  )
}
