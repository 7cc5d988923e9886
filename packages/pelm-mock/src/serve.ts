import type { AddressInfo } from 'node:net'
import { createPelmMock, type PelmMock, type PelmMockOptions } from './create-pelm-mock'
import { DroppedConnection } from './sandbox/faults'

/** Options of {@link servePelmMock}: the sandbox's own options plus where to listen. */
export interface ServePelmMockOptions extends Omit<PelmMockOptions, 'baseUrl'> {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number
  /** Address to listen on. Default `127.0.0.1`. */
  hostname?: string
}

/** A sandbox listening on a real port. */
export interface ServedPelmMock extends PelmMock {
  /** The origin it listens on, e.g. `http://127.0.0.1:4010`. */
  url: string
  /** Stops listening and closes open connections; calling it again gives the same promise. */
  close(): Promise<void>
}

interface NodeBindings {
  outgoing?: { destroy(): void }
}

/**
 * Serves a sandbox over HTTP on Node (through `@hono/node-server`), for end-to-end tests and for
 * running the Connect pages in a browser. A `drop` fault destroys the socket, as a real network
 * failure would. A port in use, or an option `createPelmMock` refuses, rejects the promise and
 * leaves nothing listening.
 *
 * @example
 * ```ts
 * import { servePelmMock } from '@acme/pelm-mock'
 *
 * const sandbox = await servePelmMock({ port: 0 })
 * console.log(sandbox.apiUrl, sandbox.connectUrl)
 * await sandbox.close()
 * ```
 */
export async function servePelmMock(options: ServePelmMockOptions = {}): Promise<ServedPelmMock> {
  const { serve } = await import('@hono/node-server')
  const hostname = options.hostname ?? '127.0.0.1'
  const requestedPort = options.port ?? 4010
  // The sandbox needs its URL, known once the server listens (port 0): a request that comes
  // before waits for it.
  let created: (mock: PelmMock) => void = () => {}
  const ready = new Promise<PelmMock>((resolve) => {
    created = resolve
  })
  const server = serve({
    hostname,
    port: requestedPort,
    fetch: async (request: Request, bindings: NodeBindings) => {
      try {
        return await (await ready).app.fetch(request, bindings)
      } catch (error) {
        if (!(error instanceof DroppedConnection)) throw error
        bindings.outgoing?.destroy()
        return new Response(null, { status: 599 })
      }
    },
  })
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve()
    server.once('listening', resolve)
    server.once('error', reject)
  })
  let closed: Promise<void> | undefined
  // Once: a test that closes the sandbox and an afterEach that closes it again both resolve.
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      server.close((error) => (error ? reject(error) : resolve()))
    })
    return closed
  }
  const { port } = server.address() as AddressInfo
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`
  let mock: PelmMock
  try {
    mock = createPelmMock({ ...options, baseUrl: url })
  } catch (error) {
    // A refused option (or state) must not leave a server listening, holding the port and the process.
    await close()
    throw error
  }
  created(mock)
  return { ...mock, url, close }
}
