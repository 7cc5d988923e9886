import type { ReactNode } from 'react'
import type { DemoUser } from '../../shared/types'
import { useSettings } from '../hooks/useSettings'
import { useSignOut } from '../hooks/useSignOut'
import { describeError } from '../messages'
import { Link, navigate, usePathname } from '../router'
import { Icon } from './Icon'
import { Notice } from './Notice'

const NAV = [
  { href: '/accounts', label: 'Accounts' },
  { href: '/connect', label: 'Connect' },
]

function SandboxBanner() {
  const settings = useSettings()
  const login = settings.data?.sandboxLogins[0]
  if (settings.data?.mode !== 'sandbox' || !login) return null
  return (
    <aside className="sandbox-banner" aria-label="Sandbox mode">
      <span className="sandbox-tag">Sandbox</span>
      <span>
        Pelm is simulated on this server: no real utility data. Sign in to any utility with{' '}
        <code>{login.username}</code> / <code>{login.password}</code>.
      </span>
    </aside>
  )
}

function UserMenu({ user, signOut }: { user: DemoUser; signOut: ReturnType<typeof useSignOut> }) {
  const initials = user.name
    .split(' ')
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase()
  return (
    <div className="user-menu">
      <span className="avatar" aria-hidden="true">
        {initials}
      </span>
      <span className="user-name">
        <span className="visually-hidden">Signed in as </span>
        {user.name}
      </span>
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/signin') })}
      >
        Sign out
      </button>
    </div>
  )
}

/** Skip link, sandbox banner, header with navigation and the signed-in user, the page, a footer. */
export function Layout({ user, children }: { user?: DemoUser | null; children: ReactNode }) {
  const pathname = usePathname()
  const signOut = useSignOut()
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SandboxBanner />
      <header className="site-header">
        <div className="site-header-inner">
          <Link href="/" className="brand">
            <span className="brand-mark">
              <Icon name="bolt" />
            </span>
            Homewatt
          </Link>
          {user && (
            <nav aria-label="Main" className="main-nav">
              {NAV.map((item) => (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={pathname === item.href ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              ))}
            </nav>
          )}
          {user && <UserMenu user={user} signOut={signOut} />}
        </div>
      </header>
      <main id="main" className="site-main">
        {/* a failed sign-out left the page as it was, without a word */}
        {user && signOut.error && (
          <div className="page-wide">
            <Notice tone="error" title="Could not sign out">
              {describeError(signOut.error)} You are still signed in as {user.name}.
            </Notice>
          </div>
        )}
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Homewatt is a demo of <strong>Pelm Connect</strong> built with{' '}
          <code>@acme/pelm-react</code> and <code>@acme/pelm-server</code>. Your utility password
          goes to Pelm only; access tokens stay on the server.
        </p>
      </footer>
    </>
  )
}
