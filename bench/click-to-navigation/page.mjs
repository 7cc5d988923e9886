// The page under test, bundled by esbuild: `/ours` renders ConnectButton (prefetches the connect
// URL on mount), `/naive` a button that fetches the connect URL on click, then navigates.
import { ConnectButton, PelmProvider } from '@acme/pelm-react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createElement as h, useState } from 'react'
import { createRoot } from 'react-dom/client'

function NaiveButton() {
  const [state, setState] = useState('ready')
  const onClick = async () => {
    setState('redirecting')
    const response = await fetch('/api/pelm/connect-token', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    const { connectUrl } = await response.json()
    location.assign(connectUrl)
  }
  return h('button', { type: 'button', 'data-state': state, onClick }, 'Connect utility account')
}

const variant = document.body.dataset.variant
const queryClient = new QueryClient()
createRoot(document.getElementById('root')).render(
  h(
    QueryClientProvider,
    { client: queryClient },
    h(PelmProvider, { basePath: '/api/pelm' }, h(variant === 'ours' ? ConnectButton : NaiveButton)),
  ),
)
