import { type ConnectPage, handBackQuery } from '@acme/pelm-mock/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { type SandboxDriver, sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock, type PelmMock } from '../create-pelm-mock'
import { MAX_LOGIN_ATTEMPTS, SANDBOX_MFA_CODE } from '../sandbox/logins'

let mock: PelmMock
let connect: SandboxDriver

beforeEach(() => {
  mock = createPelmMock()
  connect = sandboxDriver(mock)
})

const codeRedeems = (page: ConnectPage) => mock.store.redeemCode(handBackQuery(page).code ?? '').ok

async function failTimes(page: ConnectPage, times: number): Promise<ConnectPage> {
  let current = page
  for (let attempt = 0; attempt < times; attempt += 1) {
    current = await connect.signIn(current, 'user@pelm.com', 'wrong')
  }
  return current
}

describe('credentials', () => {
  it('refuses a wrong password inline, keeps the username, then accepts the right one', async () => {
    const refused = await connect.signIn(await connect.toCredentials(), 'user@pelm.com', 'wrong')
    expect(refused.status).toBe(401)
    expect(refused.location).toBeNull()
    expect(refused.screen).toBe('credentials')
    expect(refused.html).toContain('data-error-code="credentials_invalid"')
    expect(refused.html).toContain('4 attempts left')
    expect(refused.html).toMatch(/<input[^>]*name="password"[^>]*aria-describedby="password-error"/)
    expect(refused.html).toMatch(/<p id="password-error"[^>]*role="alert"/)
    expect(connect.formOf(refused, 'credentials').fields).toEqual({
      username: 'user@pelm.com',
      password: '',
    })

    const done = await connect.signIn(refused, 'user@pelm.com')
    expect(done.status).toBe(302)
    expect(codeRedeems(done)).toBe(true)
  })

  it('asks for both fields when they are empty, without counting an attempt', async () => {
    const credentials = await connect.toCredentials()
    const refused = await connect.submit(credentials, 'credentials', {
      username: ' ',
      password: '',
    })
    expect(refused.status).toBe(422)
    expect(refused.html).toContain('Enter your username.')
    expect(refused.html).toContain('Enter your password.')
    expect(refused.html.match(/data-error-code="required"/g)).toHaveLength(2)
    const afterFour = await failTimes(refused, MAX_LOGIN_ATTEMPTS - 1)
    expect(afterFour.html).toContain('1 attempt left')
  })

  it('accepts the username in any case', async () => {
    const done = await connect.signIn(await connect.toCredentials(), ' USER@pelm.com ')
    expect(done.status).toBe(302)
  })

  it(`ends the flow with connect_max_attempted_logins on the ${MAX_LOGIN_ATTEMPTS}th failure`, async () => {
    const credentials = await connect.toCredentials({ state: 's1' })
    const fourth = await failTimes(credentials, MAX_LOGIN_ATTEMPTS - 1)
    expect(fourth.status).toBe(401)
    const fifth = await failTimes(fourth, 1)
    expect(fifth.status).toBe(302)
    expect(handBackQuery(fifth)).toEqual({ error: 'connect_max_attempted_logins', state: 's1' })
    expect(mock.store.codes.size).toBe(0)
  })
})

describe('MFA', () => {
  const toMfa = async () => connect.signIn(await connect.toCredentials(), 'mfa@pelm.com')

  it('asks for a code after mfa@pelm.com signs in, and connects with the right one', async () => {
    const mfa = await toMfa()
    expect(mfa.screen).toBe('mfa')
    expect(mfa.html).toContain('Enter your verification code')
    const done = await connect.submit(mfa, 'mfa', { code: SANDBOX_MFA_CODE })
    expect(done.status).toBe(302)
    expect(codeRedeems(done)).toBe(true)
  })

  it('shows mfa_failed inline for a wrong code and lets the user retry', async () => {
    const refused = await connect.submit(await toMfa(), 'mfa', { code: '000000' })
    expect(refused.status).toBe(401)
    expect(refused.screen).toBe('mfa')
    expect(refused.html).toContain('data-error-code="mfa_failed"')
    expect(refused.html).toMatch(/<input[^>]*name="code"[^>]*aria-describedby="code-error"/)
    const done = await connect.submit(refused, 'mfa', { code: ` ${SANDBOX_MFA_CODE} ` })
    expect(done.status).toBe(302)
  })

  it('asks for the code when it is empty', async () => {
    const refused = await connect.submit(await toMfa(), 'mfa', { code: '' })
    expect(refused.status).toBe(422)
    expect(refused.html).toContain('data-error-code="required"')
  })

  it('counts wrong codes and wrong passwords toward the same cap', async () => {
    const credentials = await connect.toCredentials()
    let page = await connect.signIn(await failTimes(credentials, 2), 'mfa@pelm.com')
    for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS - 2; attempt += 1) {
      page = await connect.submit(page, 'mfa', { code: '999999' })
    }
    expect(handBackQuery(page).error).toBe('connect_max_attempted_logins')
  })
})

describe('utility_unavailable', () => {
  const toOutage = async () =>
    connect.signIn(await connect.toCredentials({ utility: 'sdge' }), 'unavailable@pelm.com')

  it("explains that the utility's site is down", async () => {
    const outage = await toOutage()
    expect(outage.status).toBe(200)
    expect(outage.screen).toBe('unavailable')
    expect(outage.html).toContain('San Diego Gas &amp; Electric is unavailable')
    expect(outage.html).toContain('utility_unavailable')
    expect(outage.forms.flatMap((form) => form.buttons)).toEqual(['Try again', 'Exit'])
  })

  it('goes back to the credentials screen on "Try again"', async () => {
    const credentials = await connect.submit(await toOutage(), 'retry')
    expect(credentials.screen).toBe('credentials')
    const done = await connect.signIn(credentials, 'user@pelm.com')
    expect(codeRedeems(done)).toBe(true)
  })
})
