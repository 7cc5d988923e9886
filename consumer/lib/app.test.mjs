import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { missingAppFiles, writeApp } from './app.mjs'

const dirs = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
function appWith(blocks) {
  const dir = mkdtempSync(join(tmpdir(), 'consumer-app-test-'))
  dirs.push(dir)
  const map = new Map(
    Object.entries(blocks).map(([file, code]) => [file, { code, source: 'R.md' }]),
  )
  const replaced = writeApp(dir, { blocks: map, tarballs: { '@acme/pelm-server': '/t/s.tgz' } })
  return { dir, replaced }
}

const clientBlocks = {
  'src/Connections.tsx': 'export function Connections() { return null }\n',
  'src/PelmCallback.tsx': 'export function PelmCallback() { return null }\n',
}

test('the template, the README blocks and the tarballs make the app', () => {
  const { dir, replaced } = appWith({
    ...clientBlocks,
    'server/index.ts': "import { app } from './pelm.js'\n",
    'server/pelm.ts': 'export const app = 1\n',
  })
  assert.deepEqual(replaced, [])
  assert.ok(existsSync(join(dir, 'index.html')))
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  assert.equal(manifest.dependencies['@acme/pelm-server'], 'file:/t/s.tgz')
  assert.deepEqual(missingAppFiles(dir), [])
})

test('a missing server entry and a missing imported page are named with their marker', () => {
  const { dir } = appWith({ 'src/Connections.tsx': clientBlocks['src/Connections.tsx'] })
  assert.deepEqual(missingAppFiles(dir), [
    "no README block is marked <!-- consumer: server/index.ts --> (expected in @acme/pelm-server's README), and the template has no server/index.ts",
    "src/main.tsx imports './PelmCallback', which no README provides: mark its block <!-- consumer: src/PelmCallback.tsx --> (expected in @acme/pelm-react's README)",
  ])
})

test('a README block may replace a template file', () => {
  const { dir, replaced } = appWith({ 'src/main.tsx': 'export {}\n', 'server/index.ts': '' })
  assert.deepEqual(replaced, ['src/main.tsx'])
  assert.deepEqual(missingAppFiles(dir), [])
})
