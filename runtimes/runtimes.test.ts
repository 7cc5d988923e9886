import { afterAll } from 'vitest'
import { sameOriginApp } from './support/browser'
import { cleanBundles } from './support/bundle'
import { runtimeContract } from './support/scenario'
import { startTarget, targets } from './support/targets'

afterAll(cleanBundles)

// One runtime after another: starting them side by side on two cores only makes timings noisy.
for (const target of targets) {
  runtimeContract(`pelmRoutes on ${target.name} (${target.entry})`, async (settings) => {
    const server = await startTarget(target, settings)
    return { app: sameOriginApp(server.origin), stop: server.stop }
  })
}

// Next.js calls a route handler with a Web Request and sends back its Response; no Next server
// runs here: the example's exported handlers are called in this process, the sandbox over HTTP.
runtimeContract(
  'pelmRoutes as a Next.js route handler (examples/nextjs, in process)',
  async (settings) => {
    const previous = Object.keys(settings).map((name) => [name, process.env[name]] as const)
    Object.assign(process.env, settings)
    const route = await import('../examples/nextjs/app/api/pelm/[...route]/route.ts')
    const handlers: Record<string, ((request: Request) => Promise<Response>) | undefined> = {
      GET: route.GET,
      POST: route.POST,
      DELETE: route.DELETE,
    }
    return {
      app: sameOriginApp('http://127.0.0.1:3000', (request) => {
        const handler = handlers[request.method]
        return handler ? handler(request) : Promise.resolve(new Response(null, { status: 405 }))
      }),
      async stop() {
        for (const [name, value] of previous) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
      },
    }
  },
)
