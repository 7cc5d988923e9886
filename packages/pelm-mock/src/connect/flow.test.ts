import { handBackQuery } from '@acme/pelm-mock/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { type SandboxDriver, sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock, type PelmMock } from '../create-pelm-mock'
import { findUtility, sandboxUtilities } from '../sandbox/utilities'

let mock: PelmMock
let connect: SandboxDriver

beforeEach(() => {
  mock = createPelmMock()
  connect = sandboxDriver(mock)
})

/** Connects `userId` as a finished Connect flow and its exchange would. */
function markConnected(userId: string) {
  const pge = findUtility({ slug: 'pge' })
  if (!pge) throw new Error('the sandbox lost PG&E')
  expect(mock.store.redeemCode(mock.store.issueCode(userId, pge).code).ok).toBe(true)
}

describe('create mode', () => {
  it('goes Terms → Utility → Credentials, then hands a redeemable code and the state back', async () => {
    const terms = await connect.start({ state: 'state-123' })
    expect(terms.status).toBe(200)
    expect(terms.screen).toBe('terms')

    const utility = await connect.submit(terms, 'terms')
    expect(utility.screen).toBe('utility')
    expect(utility.forms.find((form) => form.action.endsWith('/utility'))?.radios.utility).toEqual(
      sandboxUtilities.map((candidate) => candidate.slug),
    )

    const credentials = await connect.submit(utility, 'utility', { utility: 'sce' })
    expect(credentials.screen).toBe('credentials')
    expect(credentials.html).toContain('Sign in to Southern California Edison')

    const done = await connect.signIn(credentials, 'user@pelm.com')
    expect(done.status).toBe(302)
    const { code, state, ...rest } = handBackQuery(done)
    expect(done.location?.startsWith('https://app.example/pelm/callback?')).toBe(true)
    expect(state).toBe('state-123')
    expect(rest).toEqual({})
    const redeemed = mock.store.redeemCode(code ?? '')
    expect(redeemed.ok && redeemed.user).toMatchObject({
      userId: 'user-1',
      utility: { slug: 'sce' },
    })
  })

  it('answers a double-submitted sign-in with the same hand-back, not a dead end', async () => {
    // A browser shows the answer to the second post: it must carry the code the first one made.
    const credentials = await connect.toCredentials({ state: 'st' })
    const [first, second] = await Promise.all([
      connect.signIn(credentials, 'user@pelm.com'),
      connect.signIn(credentials, 'user@pelm.com'),
    ])
    expect(first.status).toBe(302)
    expect(second.status).toBe(302)
    expect(second.location).toBe(first.location)
    expect(mock.store.codes.size).toBe(1)
    expect(handBackQuery(second).state).toBe('st')
    // Back from the app shows the flow as finished; only a post gets the hand-back again.
    const back = await connect.load(credentials.url)
    expect(back.status).toBe(404)
    expect(back.location).toBeNull()
  })

  it('forgets the session once its code is exchanged', async () => {
    const credentials = await connect.toCredentials()
    const done = await connect.signIn(credentials, 'user@pelm.com')
    expect(mock.store.redeemCode(handBackQuery(done).code ?? '').ok).toBe(true)
    const again = await connect.signIn(credentials, 'user@pelm.com')
    expect(again.status).toBe(404)
    expect(again.location).toBeNull()
    const page = await connect.load(credentials.url)
    expect(page.status).toBe(404)
  })

  it('skips Utility selection when the token fixes the utility', async () => {
    const terms = await connect.start({ utility: 'coned' })
    expect(terms.html).toContain('Step 1 of 2')
    const credentials = await connect.submit(terms, 'terms')
    expect(credentials.screen).toBe('credentials')
    expect(credentials.html).toContain('Sign in to Consolidated Edison')
  })

  it('answers a form from an earlier screen with the current one', async () => {
    const terms = await connect.start()
    await connect.submit(terms, 'terms')
    const again = await connect.submit(terms, 'terms')
    expect(again.status).toBe(200)
    expect(again.screen).toBe('utility')
  })
})

describe('update mode', () => {
  it('starts at Utility selection for a user who connected before', async () => {
    markConnected('user-1')
    const utility = await connect.start()
    expect(utility.screen).toBe('utility')
    expect(utility.html).toContain('Step 1 of 2')
    const credentials = await connect.submit(utility, 'utility', { utility: 'pge' })
    const done = await connect.signIn(credentials, 'user@pelm.com')
    expect(handBackQuery(done).code).toMatch(/^code_/)
  })

  it('goes straight to Credentials when the token also fixes the utility', async () => {
    markConnected('user-1')
    const credentials = await connect.start({ utility: 'pge' })
    expect(credentials.screen).toBe('credentials')
    expect(credentials.html).not.toContain('Step 1 of')
  })
})

describe('utility selection', () => {
  const openUtilityScreen = () => {
    markConnected('user-1')
    return connect.start()
  }
  const listed = (page: Awaited<ReturnType<SandboxDriver['start']>>) =>
    page.forms.find((form) => form.action.endsWith('/utility'))?.radios.utility ?? []

  it.each([
    ['edison', ['sce', 'coned', 'comed']],
    ['EDISON', ['sce', 'coned', 'comed']],
    ['  pge ', ['pge']],
    ['xcel-energy', ['xcel-energy']],
  ])('filters the list by name or slug, ignoring case (%j)', async (query, slugs) => {
    const utility = await connect.search(await openUtilityScreen(), query)
    expect(utility.screen).toBe('utility')
    expect(listed(utility)).toEqual(slugs)
    expect(utility.html).toContain('Show all utilities')
  })

  it('says so when nothing matches, and offers no empty list', async () => {
    const utility = await connect.search(await openUtilityScreen(), 'atlantis power')
    expect(utility.html).toContain('No utilities match “atlantis power”.')
    expect(listed(utility)).toEqual([])
  })

  it('shows the search query escaped', async () => {
    const utility = await connect.search(await openUtilityScreen(), '"><script>alert(1)</script>')
    expect(utility.html).not.toContain('<script>')
    expect(utility.html).toContain('&quot;&gt;&lt;script&gt;')
  })

  it.each([
    [{}, 'required', 'Choose your utility to continue.'],
    [{ utility: 'atlantis' }, 'parameter_invalid', 'Choose a utility from the list.'],
  ])('refuses %j with an inline error', async (values, code, message) => {
    const searched = await connect.search(await openUtilityScreen(), 'edison')
    const refused = await connect.submit(searched, 'utility', values)
    expect(refused.status).toBe(422)
    expect(refused.screen).toBe('utility')
    expect(refused.html).toContain(`data-error-code="${code}"`)
    expect(refused.html).toContain(message)
    expect(listed(refused)).toEqual(['sce', 'coned', 'comed'])
  })
})
