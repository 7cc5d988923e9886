import assert from 'node:assert/strict'
import { test } from 'node:test'
import { codeLines, integrationSize, lineCountClaims } from './report.mjs'

test('code lines leave out blank and comment lines', () => {
  assert.equal(codeLines('// why\nconst a = 1\n\n/** doc\n * more\n */\nexport { a }\n'), 2)
})

test('the integration is counted per side: server/ files and the rest', () => {
  const blocks = new Map([
    ['server/pelm.ts', { code: 'a\nb\n', source: 'S' }],
    ['server/index.ts', { code: 'c\n', source: 'S' }],
    ['src/Connections.tsx', { code: 'd\ne\nf\n', source: 'R' }],
  ])
  const size = integrationSize(blocks)
  assert.equal(size.server.lines, 3)
  assert.equal(size.client.lines, 3)
  assert.deepEqual(
    size.server.files.map((f) => f.file),
    ['server/pelm.ts', 'server/index.ts'],
  )
})

test('line count claims are found outside code blocks only', () => {
  const markdown =
    'The whole integration is about 40 lines.\n```ts\n// 12 lines\n```\nNothing here.'
  assert.deepEqual(lineCountClaims([{ markdown, source: 'README.md' }]), [
    { source: 'README.md', line: 1, text: 'The whole integration is about 40 lines.' },
  ])
})
