// The app's own entry: one QueryClient, and a page per path. The two Pelm pages come from the
// @acme/pelm-react README (./Connections.tsx, ./PelmCallback.tsx).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Connections } from './Connections'
import { PelmCallback } from './PelmCallback'

const queryClient = new QueryClient()
const page = window.location.pathname === '/pelm/callback' ? <PelmCallback /> : <Connections />
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <main>
        <h1>Pelm consumer app</h1>
        {page}
      </main>
    </QueryClientProvider>
  </StrictMode>,
)
