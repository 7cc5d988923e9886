import { defineProject } from 'vitest/config'
import { workspaceAliases } from '../vitest.shared.ts'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'runtimes',
    environment: 'node',
    include: ['*.test.ts'],
    // Real processes (Node, Bun, Deno, workerd, Redis) start here: allow for a slow machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One module cache for every file (they run one after another anyway): miniflare, esbuild,
    // ioredis and the packages' sources are imported once, not once per file (measured: 27% less
    // CPU for the whole project). Files therefore clean up what they start, in afterAll.
    isolate: false,
  },
})
