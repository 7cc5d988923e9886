import assert from 'node:assert/strict'
import { test } from 'node:test'
import { entrySpecifiers, manifestProblems, missingPackedFiles } from './packages.mjs'

const manifest = {
  name: '@acme/pelm-server',
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/acme/pelm-connect-toolkit.git' },
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' },
    './hono': { types: './dist/hono/index.d.ts', import: './dist/hono/index.js' },
    './package.json': './package.json',
  },
  bin: { 'pelm-x': './dist/cli.js' },
  dependencies: { valibot: '^1.5.0' },
}

test('every entry point of the exports map, without ./package.json', () => {
  assert.deepEqual(entrySpecifiers(manifest), ['@acme/pelm-server', '@acme/pelm-server/hono'])
  assert.deepEqual(entrySpecifiers({ name: 'x', exports: './index.js' }), ['x'])
})

test('a tarball missing an exported file, the bin, the README or the LICENSE is named', () => {
  const files = ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/hono/index.d.ts']
  assert.deepEqual(missingPackedFiles({ name: '@acme/pelm-server', manifest }, files), [
    `@acme/pelm-server's tarball misses dist/hono/index.js (named by exports["./hono"]["import"])`,
    `@acme/pelm-server's tarball misses dist/cli.js (named by bin["pelm-x"])`,
    `@acme/pelm-server's tarball misses README.md (every package ships one)`,
    `@acme/pelm-server's tarball misses LICENSE (every package ships one)`,
  ])
})

test('exact pins, hono outside peers, and a missing license or repository are refused', () => {
  assert.deepEqual(manifestProblems(manifest), [])
  const bad = { name: 'x', dependencies: { hono: '^4.0.0', valibot: '1.5.0' } }
  assert.deepEqual(manifestProblems(bad), [
    'hono is in dependencies: make it a peerDependency, so an app mounting our Hono app shares its copy',
    'dependencies pin valibot to 1.5.0 exactly: use a range such as ^1.5.0',
    'license is undefined, not MIT',
    'repository is missing (npm links the package page to it)',
  ])
})
