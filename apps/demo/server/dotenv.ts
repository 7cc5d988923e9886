import { existsSync } from 'node:fs'

/**
 * Reads `apps/demo/.env` when there is one (copy `.env.example`); variables already set in the
 * environment win.
 */
export function loadDotEnv(demoDir: string): void {
  const file = `${demoDir}.env`
  if (existsSync(file)) process.loadEnvFile(file)
}
