import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  dts: true,
  clean: true,
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
})
