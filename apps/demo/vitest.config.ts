import { defineProject } from 'vitest/config'
import { workspaceAliases } from '../../vitest.shared.ts'

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'demo',
    environment: 'node',
    include: ['server/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
