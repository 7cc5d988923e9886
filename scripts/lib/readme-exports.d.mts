/** The names an entry file exports with `export { … }` / `export type { … }`, sorted. */
export declare function exportedNames(source: string): string[]
/** The rows of the table after `heading` in the README's `## Exports` section. */
export declare function exportTable(
  readme: string,
  heading: string,
): { names: string[]; cells: string[] }[]
