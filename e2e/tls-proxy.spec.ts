import { rmSync } from 'node:fs'
import { freePort } from '../scripts/lib/free-port.mjs'
import { freshDataDir, type RunningDemo, startDemo } from './demo-server'
import { expect, test } from './fixtures'
import { connectFromConnectPage, expectAccounts, signIn } from './pages'
import { startTlsProxy, type TlsProxy } from './tls-proxy'

let demo: RunningDemo | undefined
let proxy: TlsProxy | undefined
let dataDir: string | undefined

test.use({ ignoreHTTPSErrors: true })
test.afterEach(async () => {
  await demo?.stop()
  await proxy?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

// Deployed behind a TLS-terminating proxy set up as nginx does by default (`proxy_pass` sends the
// upstream's Host, `X-Forwarded-Host $host` has no port) on a port of its own: every page
// answered a redirect to itself (ERR_TOO_MANY_REDIRECTS) before the host names alone were compared.
test('behind a TLS proxy on its own port: the whole connect flow on https, cookies Secure', async ({
  page,
  userName,
}) => {
  test.setTimeout(45_000)
  proxy = await startTlsProxy({ host: 'upstream', forwardedHost: 'hostname' })
  dataDir = freshDataDir()
  const port = await freePort()
  demo = await startDemo({
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: proxy.url,
    SANDBOX_DATA_DELAY_MS: '0',
  })
  proxy.setUpstream(`http://127.0.0.1:${port}`)
  // every address the browser is sent to stays on the proxy's https origin
  const redirects: string[] = []
  page.on('response', (response) => {
    const location = response.headers().location
    if (location) redirects.push(new URL(location, response.url()).origin)
  })

  await signIn(page, userName, `${proxy.url}/signin`)
  await connectFromConnectPage(page)
  expect(new URL(page.url()).origin).toBe(proxy.url)
  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)

  expect(new Set(redirects)).toEqual(new Set([proxy.url]))
  const cookies = await page.context().cookies()
  expect(
    cookies
      .map(({ name, secure }) => ({ name, secure }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ).toEqual([
    { name: 'demo_session', secure: true },
    { name: 'pelm_binding', secure: true },
  ])
})
