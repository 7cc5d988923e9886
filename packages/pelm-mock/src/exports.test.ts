import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

/** The names an entry file exports (`export { a, type B } from …`, `export type { C } from …`). */
function exportsOf(source: string): string[] {
  return [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)]
    .flatMap((match) => (match[1] ?? '').split(','))
    .map((name) =>
      name
        .trim()
        .replace(/^type\s+/, '')
        .replace(/^.*\s+as\s+/, ''),
    )
    .filter(Boolean)
    .sort()
}

/** The names in the first column of the README's export table that follows `heading`. */
function listedIn(readme: string, heading: string): string[] {
  const section = readme.slice(readme.indexOf('## Exports'))
  const start = section.indexOf(heading)
  const table = section.slice(start, section.indexOf('\n\n', section.indexOf('| ---', start)))
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split(' | ')[0] ?? '').matchAll(/`(\w+)/g)].map((m) => m[1] ?? ''))
    .sort()
}

describe('the README’s export tables', () => {
  const readme = read('../README.md')

  it('list every export of @acme/pelm-mock, and nothing else', () => {
    expect(listedIn(readme, '`@acme/pelm-mock`:')).toEqual(exportsOf(read('./index.ts')))
  })

  it('list every export of @acme/pelm-mock/testing, and nothing else', () => {
    expect(listedIn(readme, '`@acme/pelm-mock/testing`')).toEqual(
      exportsOf(read('./testing/index.ts')),
    )
  })
})
