import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  collectReadmeBlocks,
  mapToReadmes,
  ReadmeBlockError,
  readmeBlocks,
} from './readme-blocks.mjs'

const serverReadme = [
  '# @acme/pelm-server', // 1
  '', // 2
  '<!-- consumer: server/pelm.ts -->', // 3
  '', // 4
  '```ts', // 5
  "import { Hono } from 'hono'", // 6
  'export default new Hono()', // 7
  '```', // 8
  '', // 9
  '```ts', // 10
  'not marked', // 11
  '```', // 12
].join('\n')

test('a marked block becomes that file, with the README line of its first code line', () => {
  assert.deepEqual(readmeBlocks(serverReadme, 'server/README.md'), [
    {
      file: 'server/pelm.ts',
      code: "import { Hono } from 'hono'\nexport default new Hono()\n",
      source: 'server/README.md',
      marker: 3,
      line: 6,
    },
  ])
})

test('longer fences and tildes hold inner fences', () => {
  const markdown = '<!-- consumer: src/a.tsx -->\n````tsx\n```\ninner\n```\n````\n'
  assert.equal(readmeBlocks(markdown, 'R.md')[0].code, '```\ninner\n```\n')
})

test('a marker without a code block, or with a path leaving the app, is refused', () => {
  assert.throws(
    () => readmeBlocks('<!-- consumer: src/a.tsx -->\nSome text\n', 'R.md'),
    /R\.md:1: <!-- consumer: src\/a\.tsx --> must be followed by a fenced code block/,
  )
  assert.throws(
    () => readmeBlocks('<!-- consumer: ../a.ts -->\n```ts\n```\n', 'R.md'),
    /must be a plain relative path/,
  )
})

test('a file marked in two READMEs fails, naming both', () => {
  const readmes = [
    { markdown: serverReadme, source: 'a/README.md' },
    { markdown: serverReadme, source: 'b/README.md' },
  ]
  assert.throws(
    () => collectReadmeBlocks(readmes),
    (error) =>
      error instanceof ReadmeBlockError &&
      error.message === 'server/pelm.ts is marked twice: a/README.md:3 and b/README.md:3',
  )
})

test('compiler positions in README files name the README line', () => {
  const blocks = collectReadmeBlocks([{ markdown: serverReadme, source: 'server/README.md' }])
  const output = [
    "server/pelm.ts(2,16): error TS2345: Argument of type 'x'.",
    'server/index.ts(1,1): error TS1: not from a README',
  ].join('\n')
  assert.equal(
    mapToReadmes(output, blocks),
    [
      "server/README.md:7 (server/pelm.ts:2:16): error TS2345: Argument of type 'x'.",
      'server/index.ts(1,1): error TS1: not from a README',
    ].join('\n'),
  )
})
