import { useConnections } from '@acme/pelm-react'
import { type JSX, type ReactNode, useEffect } from 'react'
import { Layout } from './components/Layout'
import { RetryNotice } from './components/RetryNotice'
import { Spinner } from './components/Spinner'
import { useSession } from './hooks/useSession'
import { Accounts } from './pages/Accounts'
import { Callback } from './pages/Callback'
import { Connect } from './pages/Connect'
import { NotFound } from './pages/NotFound'
import { SignIn } from './pages/SignIn'
import { navigate, usePathname } from './router'
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
  useEffect(() => {
    if (user) rememberShownUser(user)
  }, [user])

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

  return <Layout user={user}>{page}</Layout>
}
