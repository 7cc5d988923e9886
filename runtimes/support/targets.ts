import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { type BundlePlatform, bundleExample } from './bundle'
import { type RunningServer, serverEnv, startServerProcess } from './processes'

const require = createRequire(import.meta.url)
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

/** The runtimes' own binaries (the npm packages are installed under aliases, see toolchain.md). */
export const binaries = {
  node: process.execPath,
  bun: join(packageDir('bun-npm'), 'bin', 'bun.exe'),
  deno: join(packageDir('deno-npm'), 'deno'),
}

/** What every example reads: where Pelm is, the secrets, and `PORT=0` (the OS picks a port). */
export interface ExampleSettings {
  PELM_CLIENT_ID: string
  PELM_SECRET: string
  PELM_API_URL: string
  PELM_CONNECT_URL: string
  REDIRECT_URI: string
  COOKIE_SECRET: string
  TOKEN_KEY: string
  REDIS_URL?: string
  /** Default 0: the OS picks a free port. */
  PORT?: string
  /** Whatever else an example reads (a database URL, limits, …). */
  [name: string]: string | undefined
}

export interface Target {
  name: string
  /** The example's entry, bundled with its imports into one file that the runtime runs. */
  entry: string
  platform: BundlePlatform
  start(bundle: string, settings: ExampleSettings): Promise<RunningServer>
}

const processTarget = (
  name: string,
  entry: string,
  platform: BundlePlatform,
  command: (bundle: string) => [string, ...string[]],
): Target => ({
  name,
  entry,
  platform,
  start(bundle, settings) {
    const [binary, ...args] = command(bundle)
    return startServerProcess(
      binary,
      args,
      serverEnv({ PORT: '0', ...settings, HOST: '127.0.0.1' }),
    )
  },
})

/** workerd through Miniflare: it runs workerd as a child process serving on 127.0.0.1. */
async function startWorkerd(bundle: string, settings: ExampleSettings): Promise<RunningServer> {
  // Imported here: it is heavy (seconds on a busy machine), and only this target needs it.
  const { Miniflare } = await import('miniflare')
  const { REDIS_URL: _redis, PORT: port = '0', ...bindings } = settings
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: bundle,
    modulesRoot: dirname(bundle),
    compatibilityDate: '2026-07-30',
    kvNamespaces: ['CONNECTIONS'],
    d1Databases: ['REPLAY'],
    // Plain-text bindings: the Worker reads its settings from `env`.
    bindings: Object.fromEntries(
      Object.entries(bindings).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    // workerd's own network, allowed to reach the sandbox on 127.0.0.1 (loopback is refused by
    // default, as deployed Workers cannot reach it).
    outboundService: { network: { allow: ['public', 'local'] } },
    host: '127.0.0.1',
    port: Number(port),
  })
  const url = await miniflare.ready
  return { origin: url.origin, output: () => '', stop: () => miniflare.dispose() }
}

export const targets: Target[] = [
  processTarget('Node', 'examples/node/src/server.ts', 'node', (bundle) => [binaries.node, bundle]),
  processTarget('Bun', 'examples/bun/src/server.ts', 'bun', (bundle) => [binaries.bun, bundle]),
  processTarget('Deno', 'examples/deno/src/server.ts', 'deno', (bundle) => [
    binaries.deno,
    'run',
    '--no-config',
    '--allow-net=127.0.0.1',
    '--allow-env',
    bundle,
  ]),
  {
    name: 'workerd (Miniflare)',
    entry: 'examples/cloudflare-worker/src/worker.ts',
    platform: 'workerd',
    start: startWorkerd,
  },
  processTarget('Express on Node', 'examples/express/src/server.ts', 'node', (bundle) => [
    binaries.node,
    bundle,
  ]),
]

/**
 * examples/node-postgres, the production set-up (connections in PostgreSQL, replays and limits in
 * Redis): not one of the runtimes above, it needs `DATABASE_URL`; the scale-out test runs it.
 */
export const nodePostgresTarget = processTarget(
  'Node with PostgreSQL',
  'examples/node-postgres/src/server.ts',
  'node',
  (bundle) => [binaries.node, bundle],
)

export async function startTarget(target: Target, settings: ExampleSettings) {
  return target.start(await bundleExample(target.entry, target.platform), settings)
}
