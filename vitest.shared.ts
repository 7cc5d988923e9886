import { fileURLToPath } from 'node:url'

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Workspace packages resolve to their sources, so tests run before (and without) any build. */
export const workspaceAliases = [
  { find: /^@acme\/pelm-mock$/, replacement: at('./packages/pelm-mock/src/index.ts') },
  {
    find: /^@acme\/pelm-mock\/testing$/,
    replacement: at('./packages/pelm-mock/src/testing/index.ts'),
  },
  { find: /^@acme\/pelm-server$/, replacement: at('./packages/pelm-server/src/index.ts') },
  {
    find: /^@acme\/pelm-server\/hono$/,
    replacement: at('./packages/pelm-server/src/hono/index.ts'),
  },
  {
    find: /^@acme\/pelm-server\/postgres$/,
    replacement: at('./packages/pelm-server/src/postgres/index.ts'),
  },
  {
    find: /^@acme\/pelm-server\/testing$/,
    replacement: at('./packages/pelm-server/src/testing/index.ts'),
  },
  { find: /^@acme\/pelm-react$/, replacement: at('./packages/pelm-react/src/index.ts') },
]
