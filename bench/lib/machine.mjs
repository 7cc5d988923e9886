// What the figures were measured on: the machine, the load on it, and the versions involved.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { root } from './workspace.mjs'

const gib = (bytes) => `${(bytes / 2 ** 30).toFixed(1)} GiB`

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'))
    if (line) return line.split(':')[1].trim()
  } catch {}
  return cpus()[0]?.model ?? 'unknown'
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

export function machine() {
  const commit = git('rev-parse', '--short', 'HEAD') ?? 'unknown'
  const dirty = (git('status', '--porcelain') ?? '').length > 0
  return {
    CPU: cpuModel(),
    cores: cpus().length,
    memory: `${gib(totalmem())} (${gib(freemem())} free at the start)`,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(' / '),
    OS: `${process.platform} ${readKernel()}`,
    'Node.js': process.version,
    commit: `${commit}${dirty ? ' + uncommitted changes in the working tree' : ''}`,
  }
}

function readKernel() {
  try {
    return readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()
  } catch {
    return ''
  }
}

/** The installed version of each package, read from the package it resolves to. */
export function versions(names, from = root) {
  return Object.fromEntries(
    names.map((name) => {
      try {
        const manifest = join(from, 'node_modules', name, 'package.json')
        return [name, JSON.parse(readFileSync(manifest, 'utf8')).version]
      } catch {
        return [name, 'not installed']
      }
    }),
  )
}

export function workspaceVersions() {
  return Object.fromEntries(
    ['pelm-server', 'pelm-react', 'pelm-mock'].map((name) => {
      const manifest = JSON.parse(
        readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'),
      )
      return [manifest.name, manifest.version]
    }),
  )
}
