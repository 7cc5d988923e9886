import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build, type Plugin } from 'esbuild'
import { workspaceAliases } from '../../vitest.shared.ts'

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

/** How each kind of runtime wants its single-file bundle. */
const platforms = {
  node: {
    platform: 'node',
    target: 'node20',
    // Bundled CommonJS dependencies (ioredis, express) `require` Node's built-ins.
    banner: {
      js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
    },
  },
  bun: {
    platform: 'neutral',
    conditions: ['bun'],
    mainFields: ['module', 'main'],
    target: 'es2022',
  },
  deno: {
    platform: 'neutral',
    conditions: ['deno'],
    mainFields: ['module', 'main'],
    target: 'es2022',
  },
  workerd: {
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
  },
} satisfies Record<string, BuildOptions>

export type BundlePlatform = keyof typeof platforms

/** `@acme/*` resolves to the sources, as in the unit tests: no library build needed. */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@acme\// }, ({ path }) => {
      const alias = workspaceAliases.find(({ find }) => find.test(path))
      return alias ? { path: alias.replacement } : undefined
    })
  },
}

/** Where bundles of this process go; `cleanBundles()` removes them. */
let outputDirectory: Promise<string> | undefined

/**
 * Bundles an example's entry (e.g. `examples/deno/src/server.ts`) with everything it imports into
 * one ES module that the runtime runs as is, and answers its path.
 */
export async function bundleExample(entry: string, platform: BundlePlatform): Promise<string> {
  outputDirectory ??= mkdtemp(join(tmpdir(), 'pelm-runtimes-'))
  const outfile = join(await outputDirectory, `${entry.replace(/[^\w]+/g, '-')}.mjs`)
  await build({
    entryPoints: [join(repositoryRoot, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    logLevel: 'error',
    plugins: [workspaceSources],
    ...platforms[platform],
  })
  return outfile
}

export async function cleanBundles(): Promise<void> {
  if (outputDirectory) await rm(await outputDirectory, { recursive: true, force: true })
  outputDirectory = undefined
}
