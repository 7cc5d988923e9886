import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { workspaceAliases } from '../../vitest.shared.ts'

// Workspace packages resolve to their sources: the demo builds on a fresh clone, before the
// libraries are built.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { alias: workspaceAliases },
  build: { outDir: 'dist/client', emptyOutDir: true, sourcemap: true },
})
