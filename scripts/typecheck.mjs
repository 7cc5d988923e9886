// Type-checks every TypeScript project of the workspace (each has its own JSX settings), two at a time.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { env, root } from './lib/bootstrap.mjs'

// Folders with a tsconfig of their own beside packages/*, apps/* and examples/*
const projects = ['.', '.storybook', 'contracts', 'security', 'runtimes', 'e2e']
for (const group of ['packages', 'apps', 'examples']) {
  const dir = join(root, group)
  if (!existsSync(dir)) continue
  for (const name of readdirSync(dir).sort()) {
    if (existsSync(join(dir, name, 'tsconfig.json'))) projects.push(`${group}/${name}`)
  }
}

function check(project) {
  return new Promise((resolve) => {
    const child = spawn('tsc', ['-p', join(project, 'tsconfig.json'), '--pretty'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ project, code, output }))
  })
}

const queue = [...projects]
const results = []
await Promise.all(
  [1, 2].map(async () => {
    while (queue.length > 0) results.push(await check(queue.shift()))
  }),
)
let failed = 0
for (const { project, code, output } of results) {
  console.log(`${code === 0 ? '✓' : '✖'} tsc ${project}`)
  if (code !== 0) {
    failed++
    process.stdout.write(output)
  }
}
process.exit(failed > 0 ? 1 : 0)
