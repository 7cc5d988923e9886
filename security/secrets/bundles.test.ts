import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filesUnder, repoRoot, runTool } from '../harness/build'
import { createSecrets, findSecrets, type Needle, secretNeedles } from '../harness/secrets'
import { record } from '../harness/tally'

// What ships to browsers: the React package and the demo's client bundle, built here with the
// server's secrets set in the environment as canaries. Neither may contain a secret, nor the code
// that handles one (a sign that server code was bundled for the browser).

const secrets = createSecrets()
const sessionSecret = randomBytes(32).toString('base64')
const env = {
  PELM_CLIENT_ID: secrets.clientId,
  PELM_SECRET: secrets.clientSecret,
  PELM_COOKIE_SECRET: secrets.cookieSecret,
  TOKEN_ENCRYPTION_KEY: secrets.tokenKey,
  PELM_TOKEN_KEY: secrets.tokenKey,
  SESSION_SECRET: sessionSecret,
}

/** Names only server code uses: finding one means server code reached the bundle. */
const serverOnly = [
  'Pelm-Secret',
  'Pelm-Client-Id',
  'pelm-enc:v1',
  '/auth/token',
  'access_token',
  'createPelmClient',
  'encryptedConnectionStore',
  'cookieSecret',
  'sandbox_secret',
]

const needles: Needle[] = [
  ...secretNeedles(secrets),
  { label: 'session secret', value: sessionSecret },
  ...serverOnly.map((value) => ({ label: `server-only code (${value})`, value })),
]

let out = ''
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'pelm-bundles-'))
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

function scan(name: string, dir: string) {
  const files = filesUnder(dir)
  const found = files.flatMap((file) =>
    findSecrets(file.text, needles).map((label) => `${file.path}: ${label}`),
  )
  record({ category: 'secrets', name, scanned: files.length, found: found.length })
  return { files, found }
}

describe('client bundles', () => {
  it('the React package (built as published) holds no secret and no server code', async () => {
    const dir = join(out, 'pelm-react')
    await runTool('tsdown', ['--out-dir', dir, '--no-dts', '--logLevel', 'warn'], {
      cwd: join(repoRoot, 'packages', 'pelm-react'),
      env,
    })
    const { files, found } = scan('@acme/pelm-react bundle', dir)
    expect(files.length).toBeGreaterThan(0)
    expect(found).toEqual([])
    // It imports only React and TanStack Query, nothing of the server or of Node.
    const imports = files.flatMap((file) =>
      [...file.text.matchAll(/from\s*["']([^"']+)["']/g)].map((match) => match[1]),
    )
    expect(
      imports.filter(
        (name) => !/^(react|react-dom|react\/jsx-runtime|@tanstack\/react-query)$/.test(name ?? ''),
      ),
    ).toEqual([])
  })

  it('the demo’s client bundle (source maps included) holds no secret and no server code', async () => {
    const dir = join(out, 'demo-client')
    await runTool('vite', ['build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: join(repoRoot, 'apps', 'demo'),
      env,
    })
    const { files, found } = scan('demo client bundle (JS, CSS, HTML, source maps)', dir)
    expect(files.some((file) => file.path.endsWith('.js'))).toBe(true)
    expect(found).toEqual([])
  })
})
