import { fileURLToPath } from 'node:url'
import { defineConfig } from 'tsdown'

const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

// One file, `dist/server.js`, that runs with plain `node`: the workspace packages are bundled from
// their sources (no library build needed); the demo's own dependencies stay in node_modules.
export default defineConfig({
  entry: { server: 'server/main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: ['dist/server*'],
  dts: false,
  fixedExtension: false,
  alias: {
    '@acme/pelm-mock': source('pelm-mock/src/index.ts'),
    '@acme/pelm-server/hono': source('pelm-server/src/hono/index.ts'),
    '@acme/pelm-server': source('pelm-server/src/index.ts'),
  },
  deps: { alwaysBundle: [/^@acme\//], onlyBundle: false },
})
