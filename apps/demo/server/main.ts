import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createDemoApp } from './app'
import { ConfigError, type DemoConfig, readConfig } from './config'
import { loadDotEnv } from './dotenv'

/** Where `apps/demo/.data` and `apps/demo/dist/client` are, from `server/` and from `dist/` alike. */
const demoDir = fileURLToPath(new URL('..', import.meta.url))
loadDotEnv(demoDir)

function configOrExit(): DemoConfig {
  const clientDir = process.env.CLIENT_DIR ?? `${demoDir}dist/client`
  if (!existsSync(clientDir)) {
    console.warn(`! ${clientDir} does not exist: build the app first (npm start does).`)
  }
  try {
    return readConfig(process.env, { dataDir: `${demoDir}.data`, clientDir })
  } catch (error) {
    exitWith(error)
  }
}

const config = configOrExit()
let handle: (request: Request) => Response | Promise<Response> = () =>
  new Response('Starting…', { status: 503, headers: { 'Retry-After': '1' } })

const server = serve({
  fetch: (request) => handle(request),
  port: config.port,
  hostname: config.host,
})
server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `✖ Port ${config.port} is in use: stop what runs there, or start with PORT=<another port>.`
      : `✖ Could not listen on ${config.host}:${config.port}: ${error.message}`,
  )
  process.exit(1)
})
/** A configuration error names the variable or file and how to fix it: no stack trace. */
function exitWith(error: unknown): never {
  if (error instanceof ConfigError)
    console.error(`✖ ${error.message}\n  (see apps/demo/.env.example)`)
  else console.error('✖ The demo could not start:', error)
  process.exit(1)
}

server.once('listening', () => {
  // The port is known only now when PORT=0; the redirect URI and the sandbox depend on it.
  const { port } = server.address() as AddressInfo
  const publicUrl = config.publicUrl ?? `http://localhost:${port}`
  createDemoApp({ ...config, publicUrl }).then((demo) => {
    handle = demo.app.fetch
    const where =
      config.pelm.mode === 'sandbox'
        ? 'the offline Pelm sandbox (no Pelm account needed; sandbox login user@pelm.com / password)'
        : `live Pelm (${config.pelm.apiUrl ?? 'https://api.pelm.com'})`
    console.log(`\n  Pelm Connect demo: ${publicUrl}\n  talking to ${where}\n`)

    const stop = () => {
      server.close()
      void demo.close().finally(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }, exitWith)
})
