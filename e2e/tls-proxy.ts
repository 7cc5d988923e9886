import { execFileSync } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'

export interface TlsProxy {
  /** `https://localhost:<port>`: the origin browsers use. */
  url: string
  port: number
  /** Where requests go (the demo's own `http://…` URL), once it runs. */
  setUpstream(url: string): void
  close(): Promise<void>
}

export interface TlsProxyOptions {
  /**
   * `'keep'` passes the browser's `Host` on (Caddy, Traefik); `'upstream'` sends the upstream's
   * host, as nginx's `proxy_pass` does by default.
   */
  host?: 'keep' | 'upstream'
  /**
   * What `X-Forwarded-Host` holds: the browser's `Host` (`'host'`), or the host name alone
   * without the port (`'hostname'`, nginx's `$host`), or nothing.
   */
  forwardedHost?: 'host' | 'hostname' | 'none'
}

/** A self-signed certificate for `localhost`, valid one day (openssl, a few milliseconds). */
function selfSignedCertificate(): { key: string; cert: string } {
  const pem = execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-days',
      '1',
      '-keyout',
      '-',
      '-out',
      '-',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  )
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0]
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0]
  if (!key || !cert) throw new Error(`openssl gave no key and certificate:\n${pem}`)
  return { key, cert }
}

/**
 * A TLS-terminating reverse proxy, as the demo runs behind one when deployed: https to the
 * browser, plain http to the demo, with `X-Forwarded-Proto: https` and `X-Forwarded-For`.
 */
export async function startTlsProxy(options: TlsProxyOptions = {}): Promise<TlsProxy> {
  const { host = 'keep', forwardedHost = 'host' } = options
  let upstream: URL | undefined
  const server: Server = createServer(selfSignedCertificate(), (incoming, outgoing) => {
    if (!upstream) {
      outgoing.writeHead(503).end('no upstream yet')
      return
    }
    const headers = { ...incoming.headers }
    const browserHost = incoming.headers.host ?? ''
    if (host === 'upstream') headers.host = upstream.host
    if (forwardedHost === 'host') headers['x-forwarded-host'] = browserHost
    if (forwardedHost === 'hostname') headers['x-forwarded-host'] = browserHost.replace(/:\d+$/, '')
    headers['x-forwarded-proto'] = 'https'
    headers['x-forwarded-for'] = incoming.socket.remoteAddress ?? ''
    const forwarded = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502)
      outgoing.end()
    })
    incoming.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://localhost:${port}`,
    port,
    setUpstream: (url) => {
      upstream = new URL(url)
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
