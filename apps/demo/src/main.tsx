import { PelmConnectError, PelmProvider } from '@acme/pelm-react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'

// Retry what may pass on a second try (network failures, 5xx: `retryable`), twice; never a 401.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        count < 2 && (!(error instanceof PelmConnectError) || error.retryable),
    },
  },
})

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PelmProvider basePath="/api/pelm">
        <App />
      </PelmProvider>
    </QueryClientProvider>
  </StrictMode>,
)
