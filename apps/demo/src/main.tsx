import { PelmConnectError, PelmProvider } from '@acme/pelm-react'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { sessionKey } from './hooks/useSession'
import { sessionFetch } from './session-fetch'
import './styles.css'

// A 401 from any route: the session ended elsewhere (signed out in another tab, the cookie
// expired); a 409 session_changed: another person signed in in another tab (App then shows them). Asking who is signed in again sends every page but the callback to sign-in (and back
// after), instead of a "Try again" that can only fail again under a header naming the user.
const onError = (error: Error) => {
  if (
    error instanceof PelmConnectError &&
    (error.code === 'unauthenticated' || error.code === 'session_changed')
  ) {
    void queryClient.invalidateQueries({ queryKey: sessionKey })
  }
}

// Retry what may pass on a second try (network failures, 5xx: `retryable`), twice; never a 401.
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    // Offline, react-query would hold a mutation until the browser is online again: a button busy
    // for ever without a word ("Disconnecting…" in a dialog that cannot be cancelled). Sent at
    // once instead, it fails as network_error, which the page says in words, and can be retried.
    mutations: { networkMode: 'always' },
    queries: {
      retry: (count, error) =>
        count < 2 && (!(error instanceof PelmConnectError) || error.retryable),
    },
  },
})

// The same for Connect's URL (`useConnect`'s query): a click offline already fails at once as a
// network_error (pelm-react); with this the prefetch does too, so the button says so before the
// click. (Page data keeps the default: a refresh waits for the network and keeps what it shows.)
queryClient.setQueryDefaults(['pelm', 'connect'], { networkMode: 'always' })

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PelmProvider basePath="/api/pelm" fetch={sessionFetch}>
        <App />
      </PelmProvider>
    </QueryClientProvider>
  </StrictMode>,
)
