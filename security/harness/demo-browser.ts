import type { DemoApp } from '../../apps/demo/server/app'

export const PUBLIC_URL = 'http://localhost:3000'

export interface Answer {
  step: string
  status: number
  text: string
}

/** A browser: a cookie jar, same-origin `Origin` on unsafe requests, redirects not followed. */
export function browser(demo: DemoApp) {
  const cookies = new Map<string, string>()
  const answers: Answer[] = []
  async function go(
    step: string,
    url: string,
    init: { method?: string; json?: unknown; form?: Record<string, string> } = {},
  ) {
    const headers = new Headers({ origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' })
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    let body: string | undefined
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    } else if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = new URLSearchParams(init.form).toString()
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST')
    const response = await demo.app.request(new URL(url, PUBLIC_URL).href, {
      method,
      headers,
      body,
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name)
      else cookies.set(name, value)
    }
    const text = await response.clone().text()
    answers.push({
      step,
      status: response.status,
      text: `${JSON.stringify([...response.headers])}\n${text}`,
    })
    return response
  }
  return { go, answers, cookies }
}
