// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import * as pelm from './index'

function CallbackPage() {
  const { status } = pelm.useConnectCallback()
  const connections = pelm.useConnections()
  return (
    <p>
      {status} {connections.status}
    </p>
  )
}

describe('server-side rendering', () => {
  test('importing and rendering touch no window', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <pelm.PelmProvider basePath="/api/pelm">
          <pelm.ConnectButton className="btn" mode="popup" />
          <pelm.ConnectButton connectionId="c1">Reconnect</pelm.ConnectButton>
          <CallbackPage />
        </pelm.PelmProvider>
      </QueryClientProvider>,
    )
    expect(html).toContain(
      '<button type="button" data-state="loading" aria-busy="true" class="btn">',
    )
    expect(html).toContain('Connect utility account</button>')
    expect(html).toContain(
      '<button type="button" data-state="loading" aria-busy="true">Reconnect</button>',
    )
    expect(html).toContain('<p>idle<!-- --> <!-- -->pending</p>')
  })
})
