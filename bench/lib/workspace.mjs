// Where the benchmarks find the workspace: the libraries built by lib/build.mjs (the packages'
// own tsdown builds), imported by path because the bench folder is not a workspace package.
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Inside each package's node_modules, so the build resolves that package's dependencies. */
export const BUILD_DIR = 'node_modules/.bench-dist'

/**
 * `BENCH_SERVER_DIST`: another build of pelm-server to measure (a folder with `index.js` and
 * `hono/index.js`, inside `packages/pelm-server/node_modules/` so its imports resolve), e.g. a
 * build of a proposed patch, to compare with the current one.
 */
const serverDist = process.env.BENCH_SERVER_DIST ?? join(root, 'packages/pelm-server', BUILD_DIR)

export const dist = {
  server: join(serverDist, 'index.js'),
  serverHono: join(serverDist, 'hono/index.js'),
  mock: join(root, 'packages/pelm-mock', BUILD_DIR, 'index.js'),
  react: join(root, 'packages/pelm-react', BUILD_DIR, 'index.js'),
  demoServer: join(root, 'apps/demo', BUILD_DIR, 'server.js'),
}

/** `import()` of a dist file by absolute path. */
export const importDist = (name) => import(pathToFileURL(dist[name]).href)

/** Shared by every server the benchmarks start. */
export const benchSecrets = {
  cookieSecret: 'bench-cookie-secret-0123456789abcdef0123456789',
  redirectUri: 'http://127.0.0.1/pelm/callback',
}
