import { PelmProvider } from '@acme/pelm-react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'

const queryClient = new QueryClient()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PelmProvider basePath="/api/pelm">
        <App />
      </PelmProvider>
    </QueryClientProvider>
  </StrictMode>,
)
