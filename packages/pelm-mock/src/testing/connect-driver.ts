import type { FlowAction } from '../connect/flow-urls'
import { type HtmlForm, parseForms } from './html-form'

/**
 * A form post of the hosted Connect pages: `terms`, `utility`, `credentials`, `mfa`, `retry`
 * (on the outage screen) or `exit`.
 *
 * @example
 * ```ts
 * import type { ConnectAction } from '@acme/pelm-mock/testing'
 * const accept: ConnectAction = 'terms'
 * ```
 */
export type ConnectAction = FlowAction

/**
 * One response of the Connect pages, after following their own 303s.
 *
 * @example
 * ```ts
 * import { connectDriver } from '@acme/pelm-mock/testing'
 *
 * const page = await connectDriver().load(connectUrl)
 * page.screen // 'terms' for a new user_id, 'utility' in update mode
 * ```
 */
export interface ConnectPage {
  status: number
  /** The `Location` of a response that left the Connect pages (the hand-back), else null. */
  location: string | null
  html: string
  forms: HtmlForm[]
  /** The card's `data-screen`: terms, utility, credentials, mfa, unavailable or error. */
  screen: string | undefined
  url: string
}

/**
 * The `fetch` the driver sends requests with.
 *
 * @example
 * ```ts
 * import type { FetchLike } from '@acme/pelm-mock/testing'
 * const send: FetchLike = mock.fetch // in-process; the global fetch over HTTP
 * ```
 */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/**
 * Options of {@link connectDriver}.
 *
 * @example
 * ```ts
 * import { connectDriver, type ConnectDriverOptions } from '@acme/pelm-mock/testing'
 * const options: ConnectDriverOptions = { fetch: mock.fetch }
 * const connect = connectDriver(options)
 * ```
 */
export interface ConnectDriverOptions {
  /** Default: the global `fetch` (a sandbox served over HTTP). Pass `mock.fetch` for one in-process. */
  fetch?: FetchLike
}

/**
 * Drives the sandbox's hosted Connect pages like a browser without JavaScript: loads a page,
 * submits its forms (hidden fields included, with the page's origin as `Origin`), follows the
 * pages' own 303s, and stops at a redirect that leaves them (the hand-back to `redirect_uri`).
 *
 * @example
 * ```ts
 * import { connectDriver, handBackQuery } from '@acme/pelm-mock/testing'
 *
 * const connect = connectDriver({ fetch: mock.fetch })
 * let page = await connect.load(connectUrl)
 * if (page.screen === 'terms') page = await connect.submit(page, 'terms')
 * page = await connect.submit(page, 'utility', { utility: 'pge' })
 * page = await connect.signIn(page, 'user@pelm.com', 'password')
 * const { code, state } = handBackQuery(page)
 * ```
 */
export function connectDriver(options: ConnectDriverOptions = {}) {
  const send = options.fetch ?? ((input, init) => fetch(input, init))

  /** The answer, or a network failure that says where it went and how to reach an in-process sandbox. */
  async function request(href: string, init: RequestInit): Promise<Response> {
    try {
      return await send(href, { ...init, redirect: 'manual' })
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
      const { origin, pathname } = new URL(href)
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
      throw new TypeError(
        `Could not reach ${origin}${pathname} (${error.message}${cause}). A sandbox made with createPelmMock and not served answers only in-process: pass { fetch: mock.fetch }.`,
        { cause: error },
      )
    }
  }

  async function load(url: string | URL, init: RequestInit = {}): Promise<ConnectPage> {
    const href = new URL(url).href
    const response = await request(href, init)
    const location = response.headers.get('location')
    const next = location === null ? undefined : new URL(location, href)
    // The pages move their own flow on with 303; the hand-back to the app is a 302.
    if (response.status === 303 && next?.origin === new URL(href).origin) return load(next)
    const html = await response.text()
    const screen = /data-screen="([^"]*)"/.exec(html)?.[1]
    return { status: response.status, location, html, forms: parseForms(html), screen, url: href }
  }

  /** The page's form for `action`, or its search form; throws when the page has none. */
  function formOf(page: ConnectPage, action: ConnectAction | 'search'): HtmlForm {
    const form = page.forms.find((candidate) =>
      action === 'search' ? candidate.method === 'get' : candidate.action.endsWith(`/${action}`),
    )
    if (!form) throw new Error(`No ${action} form on the ${page.screen} screen (${page.status})`)
    return form
  }

  /** Posts one of the page's forms, its hidden fields plus `values`, as a same-origin browser. */
  function submit(
    page: ConnectPage,
    action: ConnectAction,
    values: Record<string, string> = {},
    headers: Record<string, string> = { origin: new URL(page.url).origin },
  ): Promise<ConnectPage> {
    const form = formOf(page, action)
    return load(new URL(form.action, page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ ...form.fields, ...values }),
    })
  }

  return {
    load,
    formOf,
    submit,
    /** Submits the credentials form. */
    signIn: (page: ConnectPage, username: string, password = 'password') =>
      submit(page, 'credentials', { username, password }),
    /** Submits the utility search form. */
    search(page: ConnectPage, query: string): Promise<ConnectPage> {
      const url = new URL(formOf(page, 'search').action, page.url)
      url.searchParams.set('q', query)
      return load(url)
    },
  }
}

/**
 * What {@link connectDriver} returns: `load`, `formOf`, `submit`, `signIn`, `search`.
 *
 * @example
 * ```ts
 * import { type ConnectDriver, connectDriver } from '@acme/pelm-mock/testing'
 * const connect: ConnectDriver = connectDriver()
 * ```
 */
export type ConnectDriver = ReturnType<typeof connectDriver>

/**
 * The query of a hand-back `Location` as a plain object: `{ code, state }` on success,
 * `{ error, state }` when the user left, plus the `redirect_uri`'s own query parameters. Throws
 * when the page is not a hand-back.
 *
 * @example
 * ```ts
 * import { handBackQuery } from '@acme/pelm-mock/testing'
 * const { code, state } = handBackQuery(await connect.signIn(page, 'user@pelm.com'))
 * ```
 */
export function handBackQuery(page: ConnectPage): Record<string, string> {
  if (!page.location) throw new Error(`Expected a hand-back redirect, got ${page.status}`)
  return Object.fromEntries(new URL(page.location, page.url).searchParams)
}
