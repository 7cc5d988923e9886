// `npm run dev`: the demo server with Vite's dev server as middleware, one port, hot reload.
// `tsx watch` restarts this process when a server file changes; Vite reloads the React app.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { getRequestListener } from '@hono/node-server'
import { createServer as createViteServer } from 'vite'
import { createDemoApp } from './app'
import { canonicalLocation } from './canonical-host'
import { readConfig } from './config'
import { loadDotEnv } from './dotenv'

const demoDir = fileURLToPath(new URL('..', import.meta.url))
loadDotEnv(demoDir)
const config = readConfig(process.env, { dataDir: `${demoDir}.data` })
const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`

const server = createServer()
const vite = await createViteServer({
  root: demoDir,
  configFile: `${demoDir}vite.config.ts`,
  appType: 'spa',
  server: { middlewareMode: true, hmr: { server } },
})
const demo = await createDemoApp({ ...config, publicUrl })
const api = getRequestListener(demo.app.fetch)
const serverPaths = /^\/(api|sandbox)(\/|$)/

server.on('request', (request, response) => {
  if (serverPaths.test(request.url ?? '/')) return void api(request, response)
  // Vite's pages go to the public URL's host name first, as the built app's do (canonical-host.ts)
  const headers = new Headers()
  for (const name of ['host', 'x-forwarded-host']) {
    const value = request.headers[name]
    if (typeof value === 'string') headers.set(name, value)
  }
  const location = canonicalLocation(`http://x${request.url ?? '/'}`, headers, publicUrl)
  if (location && request.method === 'GET') {
    response.writeHead(302, { location, 'cache-control': 'no-store' }).end()
  } else vite.middlewares(request, response)
})
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo
  console.log(
    `\n  Pelm Connect demo (dev, hot reload): ${publicUrl.replace(/:\d+$/, `:${port}`)}\n`,
  )
})

const stop = async () => {
  await vite.close()
  server.close()
  await demo.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
