import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { completeConnect } from '@acme/pelm-mock/testing'
import type { Connection, ExchangeResponse } from '@acme/pelm-server/hono'
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
export function testDemo(overrides: Partial<DemoAppConfig> = {}): Promise<DemoApp> {
  return createDemoApp({
    port: 3000,
    host: '127.0.0.1',
    publicUrl: PUBLIC_URL,
    dataDir: tempDir(),
    pelm: { mode: 'sandbox', dataDelayMs: 0 },
    ...overrides,
  })
}

/** One answer the browser received: its headers (as JSON) and body in `text`. */
export interface Answer {
  method: string
  url: string
  status: number
  text: string
}

/**
 * A browser-like client: keeps cookies, sends `json` or `form` bodies with a same-origin `Origin`
 * and `Sec-Fetch-Site`, follows no redirects, and records every answer in `answers`. `path` may be
 * an absolute URL (e.g. the sandbox's Connect pages).
 */
export function browser(demo: DemoApp) {
  const cookies = new Map<string, string>()
  const answers: Answer[] = []
  const request = async (
    path: string,
    init: { method?: string; json?: unknown; form?: Record<string, string> } = {},
  ) => {
    const headers = new Headers({ origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' })
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    let body: string | undefined
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    } else if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = new URLSearchParams(init.form).toString()
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST')
    const url = new URL(path, PUBLIC_URL).href
    const response = await demo.app.request(url, { method, headers, body })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    const text = await response.clone().text()
    answers.push({
      method,
      url,
      status: response.status,
      text: `${JSON.stringify([...response.headers])}\n${text}`,
    })
    return response
  }
  return { request, cookies, answers }
}

/**
 * Signs in, then connects `utility` through the Pelm routes and the sandbox's Connect pages, as a
 * browser would. Answers the new connection.
 */
export async function connect(
  demo: DemoApp,
  client: ReturnType<typeof browser>,
  { name = 'Ada', utility = 'pge' }: { name?: string; utility?: string } = {},
): Promise<Connection> {
  await client.request('/api/session', { json: { name } })
  const started = await client.request('/api/pelm/connect-token', {
    json: { utilitySlug: utility },
  })
  const { connectUrl } = (await started.json()) as { connectUrl: string }
  if (!demo.sandbox) throw new Error('connect() needs the sandbox')
  const callback = await completeConnect(connectUrl, { fetch: demo.sandbox.mock.fetch, utility })
  const exchanged = await client.request('/api/pelm/exchange', {
    json: { code: callback.searchParams.get('code'), state: callback.searchParams.get('state') },
  })
  if (exchanged.status !== 200) throw new Error(`exchange failed: ${await exchanged.text()}`)
  return ((await exchanged.json()) as ExchangeResponse).connection
}
