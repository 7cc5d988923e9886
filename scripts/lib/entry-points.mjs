// Loads every entry point of the libraries the two ways a Node user does: an ESM `import` and a
// CommonJS `require()` (which loads ES modules since Node 20.19 when `exports` allows it), each
// in a fresh Node process started in `cwd`, so that resolution is the user's.
import { spawnSync } from 'node:child_process'

// Prints { [specifier]: { keys } | { error } } for the specifiers given as arguments.
const loader = (load) => `
const results = {}
for (const specifier of process.argv.slice(1)) {
  try {
    const loaded = ${load}
    results[specifier] = { keys: Object.keys(loaded).filter((key) => key !== '__esModule' && key !== 'module.exports').sort() }
  } catch (error) {
    results[specifier] = { error: \`\${error.code ?? error.name}: \${error.message.split('\\n')[0]}\` }
  }
}
console.log(JSON.stringify(results))
`

function load(mode, specifiers, cwd) {
  const args =
    mode === 'import'
      ? ['--input-type=module', '-e', loader('await import(specifier)')]
      : ['-e', loader('require(specifier)')]
  const result = spawnSync(process.execPath, [...args, ...specifiers], { cwd, encoding: 'utf8' })
  const json = result.stdout.trim().split('\n').at(-1)
  if (result.status !== 0 || !json?.startsWith('{')) {
    throw new Error(`node could not ${mode} the entry points:\n${result.stderr || result.stdout}`)
  }
  return JSON.parse(json)
}

/**
 * `import()`s and `require()`s each specifier from `cwd`; returns one message per failure: a
 * load error, an entry point without exports, or `require()` giving other names than `import`.
 */
export function entryPointProblems(specifiers, { cwd }) {
  const imported = load('import', specifiers, cwd)
  const required = load('require', specifiers, cwd)
  const problems = []
  for (const specifier of specifiers) {
    const esm = imported[specifier]
    const cjs = required[specifier]
    if (esm.error) problems.push(`import('${specifier}') failed: ${esm.error}`)
    else if (esm.keys.length === 0) problems.push(`import('${specifier}') has no exports`)
    if (cjs.error) problems.push(`require('${specifier}') failed: ${cjs.error}`)
    else if (esm.keys && esm.keys.join() !== cjs.keys.join()) {
      problems.push(`require('${specifier}') gives [${cjs.keys}], import gives [${esm.keys}]`)
    }
  }
  return problems
}
