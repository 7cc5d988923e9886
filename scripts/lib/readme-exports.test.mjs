import assert from 'node:assert/strict'
import { test } from 'node:test'
import { exportedNames, exportTable } from './readme-exports.mjs'

test('exportedNames reads value, type and renamed exports, sorted', () => {
  const source = [
    "export { a, type B as C } from './x'",
    'export type {',
    '  D,',
    '  E,',
    "} from './y'",
    'export const notCounted = 1',
  ].join('\n')
  assert.deepEqual(exportedNames(source), ['C', 'D', 'E', 'a'])
})

const readme = [
  '# pkg',
  '',
  '## Usage',
  '',
  '`pkg`:',
  '',
  '| export | what |',
  '| --- | --- |',
  '| `wrong` | outside the Exports section |',
  '',
  '## Exports',
  '',
  '`pkg`:',
  '',
  '| export | kind | what it is |',
  '| --- | --- | --- |',
  '| `make(options?)` | function | makes a \\| thing |',
  '| `Thing`, `ThingOptions` | type | its types |',
  '',
  '`pkg/extra`:',
  '',
  '| export | kind | what it is |',
  '| --- | --- | --- |',
  '| `extra` | constant | one more |',
  '',
  '## After',
  '',
  '`pkg/later`:',
  '',
  '| export | kind |',
  '| --- | --- |',
  '| `later` | type |',
].join('\n')

test('exportTable reads the table after a heading inside ## Exports only', () => {
  assert.deepEqual(exportTable(readme, '`pkg`:'), [
    { names: ['make'], cells: ['`make(options?)`', 'function', 'makes a \\| thing'] },
    { names: ['Thing', 'ThingOptions'], cells: ['`Thing`, `ThingOptions`', 'type', 'its types'] },
  ])
  assert.deepEqual(
    exportTable(readme, '`pkg/extra`:').map((row) => row.names),
    [['extra']],
  )
})

test('exportTable answers no rows for a heading outside ## Exports, or no section', () => {
  assert.deepEqual(exportTable(readme, '`pkg/later`:'), [])
  assert.deepEqual(exportTable('# pkg\n\nnothing here\n', '`pkg`:'), [])
})
