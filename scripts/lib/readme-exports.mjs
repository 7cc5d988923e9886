// The export tables of the package READMEs, read for the tests that keep them equal to the code.

/**
 * The names an entry file exports with `export { a, type B } from …` or `export type { C } from …`
 * (an `x as y` export is `y`), sorted.
 *
 * @example
 * exportedNames("export { a, type B as C } from './x'\nexport type { D } from './y'")
 * // ['C', 'D', 'a'] (sorted by code point)
 */
export function exportedNames(source) {
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

/**
 * The rows of the first table after `heading` inside the README's `## Exports` section: each
 * row's cells (trimmed) and the names in its first cell (every backticked identifier, so
 * `` `createPelmMock(options?)` `` is `createPelmMock`). An empty list when there is no such table.
 *
 * @example
 * exportTable(readme, '`@acme/pelm-server/hono`')
 * // [{ names: ['pelmRoutes'], cells: ['`pelmRoutes`', 'function', 'The four routes …'] }, …]
 */
export function exportTable(readme, heading) {
  const exportsAt = readme.indexOf('\n## Exports\n')
  if (exportsAt === -1) return []
  const section = readme.slice(exportsAt, readme.indexOf('\n## ', exportsAt + 1) >>> 0)
  const start = section.indexOf(heading)
  const rule = section.indexOf('\n| ---', start)
  if (start === -1 || rule === -1) return []
  const end = section.indexOf('\n\n', rule)
  return section
    .slice(section.indexOf('\n', rule + 1) + 1, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => {
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
      const names = [...(cells[0] ?? '').matchAll(/`(\w+)/g)].map((match) => match[1] ?? '')
      return { names, cells }
    })
}
