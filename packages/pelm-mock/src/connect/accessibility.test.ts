import type { ConnectPage } from '@acme/pelm-mock/testing'
import { Window } from 'happy-dom'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { type SandboxDriver, sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock, type PelmMock } from '../create-pelm-mock'
import { contrastPairs, palette } from './styles'

let mock: PelmMock
let connect: SandboxDriver
const window = new Window()
afterAll(() => window.close())

beforeEach(() => {
  mock = createPelmMock()
  connect = sandboxDriver(mock)
})

const pages: Record<string, () => Promise<ConnectPage>> = {
  terms: () => connect.start(),
  utility: async () => connect.submit(await connect.start(), 'terms'),
  'utility, nothing chosen': async () =>
    connect.submit(await connect.submit(await connect.start(), 'terms'), 'utility'),
  'utility, no match': async () =>
    connect.search(await connect.submit(await connect.start(), 'terms'), 'nothing'),
  credentials: () => connect.toCredentials(),
  'credentials, empty': async () =>
    connect.submit(await connect.toCredentials(), 'credentials', { username: '', password: '' }),
  'credentials, wrong password': async () =>
    connect.signIn(await connect.toCredentials(), 'user@pelm.com', 'wrong'),
  mfa: async () => connect.signIn(await connect.toCredentials(), 'mfa@pelm.com'),
  'mfa, wrong code': async () =>
    connect.submit(await connect.signIn(await connect.toCredentials(), 'mfa@pelm.com'), 'mfa', {
      code: '1',
    }),
  unavailable: async () => connect.signIn(await connect.toCredentials(), 'unavailable@pelm.com'),
  'error page': () => connect.open({ connect_token: 'ct_unknown' }),
}

function parse(html: string) {
  return new window.DOMParser().parseFromString(html, 'text/html')
}

describe.each(Object.keys(pages))('the %s page', (name) => {
  let document: ReturnType<typeof parse>
  beforeEach(async () => {
    const page = await pages[name]?.()
    if (!page) throw new Error(`no way to reach ${name}`)
    document = parse(page.html)
  })

  it('has a language, a title and exactly one h1', () => {
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    expect(document.title).toMatch(/ · Pelm Connect$/)
    expect(document.querySelectorAll('h1')).toHaveLength(1)
  })

  it('labels every input', () => {
    for (const input of document.querySelectorAll('input:not([type=hidden])')) {
      const label = input.closest('label') ?? document.querySelector(`label[for="${input.id}"]`)
      expect(label?.textContent?.trim(), input.outerHTML).toBeTruthy()
    }
  })

  it('ties every error to its input, announced as an alert', () => {
    const invalids = [...document.querySelectorAll('[aria-invalid=true]')]
    expect(invalids.length > 0).toBe(/empty|wrong|nothing chosen/.test(name))
    for (const invalid of invalids) {
      const described = invalid.getAttribute('aria-describedby') ?? ''
      const message = document.getElementById(described)
      expect(message?.getAttribute('role'), invalid.outerHTML).toBe('alert')
      expect(message?.textContent?.trim()).toBeTruthy()
    }
    const alerts = document.querySelectorAll('[role=alert]')
    for (const alert of alerts) {
      expect(document.querySelector(`[aria-describedby="${alert.id}"]`)).not.toBeNull()
    }
  })

  it('keeps ids unique, buttons named, and the natural tab order', () => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const button of document.querySelectorAll('button')) {
      expect(button.getAttribute('type')).toBe('submit')
      expect(button.textContent?.trim()).toBeTruthy()
    }
    expect(document.querySelectorAll('[tabindex]')).toHaveLength(0)
  })

  it('offers Exit last, on every screen but an error page', () => {
    const forms = [...document.querySelectorAll('form')]
    const exits = forms.filter((form) => form.getAttribute('action')?.endsWith('/exit'))
    if (name === 'error page') {
      expect(forms).toHaveLength(0)
      return
    }
    expect(exits).toHaveLength(1)
    expect(forms.at(-1)).toBe(exits[0])
    expect(exits[0]?.getAttribute('method')).toBe('post')
  })
})

describe('styles', () => {
  function luminance(hex: string): number {
    const channels = [1, 3, 5].map(
      (start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255,
    )
    const [r = 0, g = 0, b = 0] = channels.map((c) =>
      c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }

  it.each(contrastPairs)('%s on %s has a contrast of at least %d:1', (fg, bg, minimum) => {
    const [light, dark] = [luminance(palette[fg]), luminance(palette[bg])].sort((a, b) => b - a)
    expect(((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)).toBeGreaterThanOrEqual(minimum)
  })

  it('shows a focus ring', async () => {
    const page = await connect.start()
    expect(page.html).toMatch(/:focus-visible\{outline:3px solid/)
  })
})
