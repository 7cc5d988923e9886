import { describe, expect, it } from 'vitest'
import { canonicalLocation } from './canonical-host'
import { testDemo } from './test-support'

const PUBLIC = 'http://localhost:3000'

describe('the other host name (issue 14)', () => {
  it('sends a page opened on 127.0.0.1 to the public URL, path and query kept', async () => {
    const demo = await testDemo()
    const response = await demo.app.request('http://127.0.0.1:3000/pelm/callback?code=c&state=s', {
      headers: { host: '127.0.0.1:3000' },
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${PUBLIC}/pelm/callback?code=c&state=s`)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('leaves requests on the public host, API calls and form posts alone', async () => {
    const demo = await testDemo()
    const same = await demo.app.request(`${PUBLIC}/api/config`, {
      headers: { host: 'localhost:3000' },
    })
    expect(same.status).toBe(200)
    const api = await demo.app.request('http://127.0.0.1:3000/api/config', {
      headers: { host: '127.0.0.1:3000' },
    })
    expect(api.status).toBe(200)
    const post = await demo.app.request('http://127.0.0.1:3000/api/session', {
      method: 'POST',
      headers: { host: '127.0.0.1:3000' },
    })
    expect(post.status).not.toBe(302)
  })

  it('reads the host a proxy forwards, and only ever redirects to the public URL', () => {
    const behindProxy = new Headers({
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'demo.example.com',
    })
    expect(
      canonicalLocation('http://10.0.0.5:3000/a', behindProxy, 'https://demo.example.com'),
    ).toBe(undefined)
    const other = new Headers({ host: 'evil.example' })
    expect(canonicalLocation('http://evil.example//x?y=1', other, PUBLIC)).toBe(`${PUBLIC}//x?y=1`)
  })

  // nginx's `$host` (in `proxy_set_header Host $host` or `X-Forwarded-Host $host`) drops the port:
  // on a public URL with a port, every page answered a redirect to itself, for ever.
  it('compares host names only: a proxy that forwards the host without its port is not redirected', () => {
    const publicUrl = 'https://demo.example.com:8443'
    for (const forwarded of ['demo.example.com', 'DEMO.example.com:8443', 'demo.example.com:443']) {
      const headers = new Headers({ host: '10.0.0.5:3000', 'x-forwarded-host': forwarded })
      expect(canonicalLocation('http://10.0.0.5:3000/signin', headers, publicUrl), forwarded).toBe(
        undefined,
      )
    }
    expect(
      canonicalLocation(
        'http://localhost:3000/',
        new Headers({ host: 'localhost' }),
        'http://localhost:3000',
      ),
    ).toBe(undefined)
    // another host name is still sent to the public URL, whatever its port
    const other = new Headers({ host: '127.0.0.1:8443' })
    expect(canonicalLocation('http://127.0.0.1:8443/a?b', other, publicUrl)).toBe(
      `${publicUrl}/a?b`,
    )
  })
})
