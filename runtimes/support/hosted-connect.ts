import { parseForms } from '../../packages/pelm-mock/src/connect/test-utils.ts'

export interface ConnectLogin {
  username: string
  password: string
}

/**
 * Walks the sandbox's hosted Connect pages over HTTP as a browser without JavaScript would:
 * Terms, utility selection (PG&E) and credentials, following the pages' own redirects, until
 * Connect hands the user back. Answers the hand-back URL (`redirect_uri?code=…&state=…`).
 */
export async function completeHostedConnect(
  connectUrl: string,
  login: ConnectLogin = { username: 'user@pelm.com', password: 'password' },
): Promise<URL> {
  const connectOrigin = new URL(connectUrl).origin
  let response = await fetch(connectUrl, { redirect: 'manual' })
  let url = connectUrl
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location')
    if (location !== null) {
      const next = new URL(location, url)
      if (next.origin !== connectOrigin) return next
      url = next.href
      response = await fetch(url, { redirect: 'manual' })
      continue
    }
    const html = await response.text()
    if (response.status !== 200) throw new Error(`Connect answered ${response.status}: ${html}`)
    const screen = /data-screen="([^"]*)"/.exec(html)?.[1]
    const values: Record<string, Record<string, string>> = {
      terms: {},
      utility: { utility: 'pge' },
      credentials: { username: login.username, password: login.password },
    }
    const form = parseForms(html).find((candidate) => candidate.action.endsWith(`/${screen}`))
    const fields = screen === undefined ? undefined : values[screen]
    if (!form || !fields) throw new Error(`Unexpected Connect screen "${screen}"`)
    url = new URL(form.action, url).href
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: connectOrigin },
      body: new URLSearchParams({ ...form.fields, ...fields }),
    })
  }
  throw new Error('Connect did not hand the user back within 12 steps')
}
