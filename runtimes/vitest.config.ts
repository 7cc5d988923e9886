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
  },
})
