import type { PelmMock } from '../create-pelm-mock'
import { findUtility, type SandboxUtility } from '../sandbox/utilities'
import type { FlowAction } from './flow-urls'

/** A `<form>` as a browser would submit it: hidden and text fields with their values. */
export interface HtmlForm {
  action: string
  method: string
  /** Every named input except radios and checkboxes, with its `value` (or ''). */
  fields: Record<string, string>
  /** The values of each radio group. */
  radios: Record<string, string[]>
  buttons: string[]
}

/** One response of the Connect pages, after following their own 303s. */
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

const entities: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" }

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|lt|gt|#39);/g, (_match, name: string) => entities[name] ?? '')
}

/** The attributes of one start tag, values decoded. */
export function parseAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    const [, name, value] = match
    if (name) attributes[name] = decodeEntities(value ?? '')
  }
  return attributes
}

/** Every start tag of an element in the HTML, as attribute maps. */
export function findTags(html: string, element: string): Record<string, string>[] {
  const pattern = new RegExp(`<${element}\\b([^>]*)>`, 'g')
  return [...html.matchAll(pattern)].map((match) => parseAttributes(match[1] ?? ''))
}

export function parseForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((match) => {
    const form = parseAttributes(match[1] ?? '')
    const body = match[2] ?? ''
    const fields: Record<string, string> = {}
    const radios: Record<string, string[]> = {}
    for (const input of findTags(body, 'input')) {
      if (!input.name) continue
      if (input.type === 'radio')
        radios[input.name] = [...(radios[input.name] ?? []), input.value ?? '']
      else fields[input.name] = input.value ?? ''
    }
    const buttons = [...body.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((button) =>
      decodeEntities((button[1] ?? '').replace(/<[^>]+>/g, '')).trim(),
    )
    return { action: form.action ?? '', method: form.method ?? 'get', fields, radios, buttons }
  })
}

export interface StartOptions {
  userId?: string
  /** A utility slug fixed in the connect token. */
  utility?: string
  redirectUri?: string
  state?: string
}

/**
 * Drives the hosted Connect pages of a sandbox like a browser without JavaScript; in-process by
 * default, or through `send` (e.g. the global `fetch` for a sandbox served over HTTP).
 */
export function connectDriver(mock: PelmMock, send: PelmMock['fetch'] = mock.fetch) {
  const origin = new URL(mock.connectUrl).origin

  async function load(url: string, init: RequestInit = {}): Promise<ConnectPage> {
    const response = await send(url, { ...init, redirect: 'manual' })
    const location = response.headers.get('location')
    const next = location === null ? undefined : new URL(location, url)
    if (response.status === 303 && next?.href.startsWith(mock.connectUrl)) return load(next.href)
    const html = await response.text()
    const screen = /data-screen="([^"]*)"/.exec(html)?.[1]
    return { status: response.status, location, html, forms: parseForms(html), screen, url }
  }

  function formOf(page: ConnectPage, action: FlowAction | 'search'): HtmlForm {
    const form = page.forms.find((candidate) =>
      action === 'search' ? candidate.method === 'get' : candidate.action.endsWith(`/${action}`),
    )
    if (!form) throw new Error(`No ${action} form on the ${page.screen} screen (${page.status})`)
    return form
  }

  return {
    load,
    formOf,
    /** Opens the entry page with these query parameters (`undefined` ones left out). */
    open(query: Record<string, string | undefined>, path = '/'): Promise<ConnectPage> {
      const url = new URL(`${mock.connectUrl}${path === '/' ? '/' : path}`)
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined) url.searchParams.set(name, value)
      }
      return load(url.href)
    },
    /** Issues a connect token and opens Connect with it. */
    start(options: StartOptions = {}): Promise<ConnectPage> {
      const utility: SandboxUtility | undefined = options.utility
        ? findUtility({ slug: options.utility })
        : undefined
      const record = mock.store.createConnectToken(options.userId ?? 'user-1', utility)
      return this.open({
        connect_token: record.token,
        redirect_uri: options.redirectUri ?? 'https://app.example/pelm/callback',
        state: options.state,
      })
    },
    /** Posts one of the page's forms, its hidden fields plus `values`, as a same-origin browser. */
    submit(
      page: ConnectPage,
      action: FlowAction,
      values: Record<string, string> = {},
      headers: Record<string, string> = { origin },
    ): Promise<ConnectPage> {
      const form = formOf(page, action)
      return load(new URL(form.action, origin).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ ...form.fields, ...values }),
      })
    },
    /** Starts a flow and walks through Terms and Utility selection (PG&E) where they show. */
    async toCredentials(options: StartOptions = {}): Promise<ConnectPage> {
      let page = await this.start(options)
      if (page.screen === 'terms') page = await this.submit(page, 'terms')
      if (page.screen === 'utility') page = await this.submit(page, 'utility', { utility: 'pge' })
      return page
    },
    /** Submits the credentials form. */
    signIn(page: ConnectPage, username: string, password = 'password'): Promise<ConnectPage> {
      return this.submit(page, 'credentials', { username, password })
    },
    /** Submits the utility search form. */
    search(page: ConnectPage, query: string): Promise<ConnectPage> {
      const url = new URL(formOf(page, 'search').action, origin)
      url.searchParams.set('q', query)
      return load(url.href)
    },
  }
}

export type ConnectDriver = ReturnType<typeof connectDriver>

/** The query of a hand-back `Location`, as a plain object. */
export function handBackQuery(page: ConnectPage): Record<string, string> {
  if (!page.location) throw new Error(`Expected a hand-back redirect, got ${page.status}`)
  return Object.fromEntries(new URL(page.location).searchParams)
}
