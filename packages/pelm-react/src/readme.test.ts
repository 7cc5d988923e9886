import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

/** Every name `src/index.ts` exports, types included. */
const exported = [...read('./index.ts').matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap(
  ([, list = '']) =>
    list
      .split(',')
      .map((name) => name.replace(/^\s*type\s/, '').trim())
      .filter(Boolean),
)

/** The names in the first column of the README's API reference table. */
const referenced = () => {
  const section = read('../README.md').split('\n## API reference\n')[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `(\w+)` \|/gm)].map(([, name]) => name)
}

test("the README's API reference lists every export of src/index.ts, and nothing else", () => {
  expect(exported).toContain('PelmConnectErrorInit')
  expect(referenced().sort()).toEqual(exported.sort())
})
