import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportedNames, exportTable } from '../../../scripts/lib/readme-exports.mjs'
import * as hono from './hono/index'
import * as core from './index'
import * as postgres from './postgres/index'
import * as testing from './testing/index'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const readme = read('../README.md')

/** What the README's kind column says a runtime value (or its absence) is. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'type'
  if (typeof value !== 'function') return 'constant'
  return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function'
}

const entries = [
  { name: '@acme/pelm-server', file: './index.ts', module: core },
  { name: '@acme/pelm-server/hono', file: './hono/index.ts', module: hono },
  { name: '@acme/pelm-server/postgres', file: './postgres/index.ts', module: postgres },
  { name: '@acme/pelm-server/testing', file: './testing/index.ts', module: testing },
]

describe.each(entries)('the README’s export table of $name', ({ name, file, module }) => {
  const rows = exportTable(readme, `\`${name}\``)

  it('lists every export of the entry point, once, and nothing else', () => {
    expect(rows.flatMap((row) => row.names).sort()).toEqual(exportedNames(read(file)))
  })

  it('says of each whether it is a function, a class, a constant or a type', () => {
    const values: Record<string, unknown> = module
    const said = Object.fromEntries(rows.map((row) => [row.names[0], row.cells[1]]))
    const actual = Object.fromEntries(
      rows.map((row) => [row.names[0], kindOf(values[row.names[0] ?? ''])]),
    )
    expect(said).toEqual(actual)
  })

  it('says what each one is', () => {
    expect(rows.filter((row) => !row.cells[2])).toEqual([])
  })
})
