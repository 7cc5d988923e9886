import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findUtility, type SandboxUtility } from '@acme/pelm-mock'
import { afterEach } from 'vitest'
import { createDemoApp, type DemoApp, type DemoAppConfig } from './app'

export const PUBLIC_URL = 'http://localhost:3000'
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh data directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pelm-demo-test-'))
  dirs.push(dir)
  return dir
}

/** The demo on the sandbox, with a fresh data directory and no built React app. */
export function testDemo(overrides: Partial<DemoAppConfig> = {}): DemoApp {
  return createDemoApp({
    port: 3000,
    host: '127.0.0.1',
    publicUrl: PUBLIC_URL,
    dataDir: tempDir(),
    pelm: { mode: 'sandbox', dataDelayMs: 0 },
    ...overrides,
  })
}

/** A browser-like client: keeps cookies, sends JSON with a same-origin `Origin`. */
export function browser(demo: DemoApp) {
  const cookies = new Map<string, string>()
  const request = async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const headers = new Headers({ origin: PUBLIC_URL })
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    if (init.json !== undefined) headers.set('content-type', 'application/json')
    const response = await demo.app.request(`${PUBLIC_URL}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const [name = '', value = ''] = pair.split('=')
      if (value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  return { request, cookies }
}

/** Signs in, then connects through the Pelm routes with a code the sandbox hands out. */
export async function connect(demo: DemoApp, client: ReturnType<typeof browser>, name = 'Ada') {
  await client.request('/api/session', { json: { name } })
  const started = await client.request('/api/pelm/connect-token', { json: {} })
  const { connectUrl } = (await started.json()) as { connectUrl: string }
  const state = new URL(connectUrl).searchParams.get('state')
  const sandbox = demo.sandbox
  if (!sandbox) throw new Error('connect() needs the sandbox')
  const utility = findUtility({ slug: 'pge' }) as SandboxUtility
  const { code } = sandbox.mock.store.issueCode(`demo:${name.toLowerCase()}`, utility)
  const exchanged = await client.request('/api/pelm/exchange', { json: { code, state } })
  if (exchanged.status !== 200) throw new Error(`exchange failed: ${await exchanged.text()}`)
}
