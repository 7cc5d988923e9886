import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/hono/index.ts', 'src/postgres/index.ts', 'src/testing/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  clean: true,
  fixedExtension: false,
  // The testing kit runs under Node test runners only: its assertions come from Node.
  external: [/^node:/],
})
