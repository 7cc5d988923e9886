import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportedNames, exportTable } from '../../../scripts/lib/readme-exports.mjs'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

/** The names in the first column of the README's export table that follows `heading`. */
const listedIn = (readme: string, heading: string) =>
  exportTable(readme, heading)
    .flatMap((row) => row.names)
    .sort()

describe('the README’s export tables', () => {
  const readme = read('../README.md')

  it('list every export of @acme/pelm-mock, and nothing else', () => {
    expect(listedIn(readme, '`@acme/pelm-mock`:')).toEqual(exportedNames(read('./index.ts')))
  })

  it('list every export of @acme/pelm-mock/testing, and nothing else', () => {
    expect(listedIn(readme, '`@acme/pelm-mock/testing`')).toEqual(
      exportedNames(read('./testing/index.ts')),
    )
  })
})
