import { defineProject } from 'vitest/config'
import { workspaceAliases } from '../../vitest.shared.ts'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'demo',
    environment: 'node',
    // hook tests name their DOM with `// @vitest-environment happy-dom`
    include: ['server/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
  },
})
