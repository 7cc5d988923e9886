import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  dts: true,
  clean: true,
  deps: { neverBundle: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'] },
  hooks: {
    // Rolldown keeps the entry's 'use client' today; fail the build if it ever drops it, since
    // React Server Components frameworks would then treat the hooks as server code.
    'build:done'({ chunks }) {
      for (const chunk of chunks) {
        if (
          chunk.fileName.endsWith('.js') &&
          chunk.type === 'chunk' &&
          !/^["']use client["']/.test(chunk.code)
        ) {
          throw new Error(`${chunk.fileName} must start with 'use client'`)
        }
      }
    },
  },
})
