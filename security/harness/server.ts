import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Harness } from './app'

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * Serves the harness app over real HTTP on 127.0.0.1 (a free port), for what only a socket
 * shows: a `Host` header, chunked bodies, how Node frames headers.
 */
export async function listen(h: Harness) {
  const server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve()
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo

  /**
   * One raw HTTP request: headers exactly as given (Host included), the body sent chunk by chunk,
   * `paceMs` apart (a slow client), until the server answers.
   */
  function raw(
    method: string,
    path: string,
    headers: Record<string, string>,
    chunks: readonly (string | Uint8Array)[] = [],
    paceMs = 0,
  ): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      let answered = false
      const request = httpRequest(
        { host: '127.0.0.1', port, method, path, headers, setHost: !('host' in headers) },
        (response) => {
          answered = true
          const parts: Buffer[] = []
          response.on('data', (part: Buffer) => parts.push(part))
          response.on('error', () => {})
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(parts).toString('utf8'),
            }),
          )
        },
      )
      // A server may answer (413) and close before the whole body is sent: that is an answer.
      request.on('error', (error) => (answered ? undefined : reject(error)))
      void (async () => {
        for (const chunk of chunks) {
          if (answered || request.destroyed) return
          if (!request.write(chunk)) await new Promise((next) => request.once('drain', next))
          if (paceMs > 0) await new Promise((next) => setTimeout(next, paceMs))
        }
        request.end()
      })()
    })
  }

  return {
    url: `http://127.0.0.1:${port}`,
    raw,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/**
 * Sends `request` as exact bytes over a fresh socket and answers the raw reply (head and body),
 * to see how the answer is framed on the wire.
 */
export async function rawExchange(url: string, request: string): Promise<string> {
  const { connect } = await import('node:net')
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request))
    const parts: Buffer[] = []
    socket.on('data', (part: Buffer) => parts.push(part))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(parts).toString('latin1')))
  })
}
