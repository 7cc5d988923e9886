// Where a handler's CPU goes, from V8's sampling profiler (node:inspector): the share of samples
// in each function (its self time, plus the Node internals it called), grouped by library. Shares, not the profile's own
// times: those are wall-clock intervals, which a busy machine stretches, and the profiler slows
// what it samples; the caller scales the shares by CPU time measured without it.
import { Session } from 'node:inspector/promises'

/** Profiler samples this often (µs): fine enough for functions of a few µs per request. */
const SAMPLING_INTERVAL_US = 50

/** The library a script belongs to, or `undefined` for Node's own and native code. */
function ownerOf({ url, functionName }) {
  if (url.includes('@noble/hashes')) return 'HMAC and SHA-256 (@noble/hashes)'
  if (url.includes('/valibot/')) return 'valibot (request body, Pelm answers, stored record)'
  if (/hono\/dist\/(helper|utils)\/cookie/.test(url)) return 'hono/cookie (read, serialize)'
  if (url.includes('/hono/dist/')) {
    const file = url.slice(url.indexOf('/hono/dist/') + '/hono/dist/'.length)
    return `Hono: ${file.replace(/\/index\.js$|\.js$/, '')}`
  }
  if (url.includes('/pelm-server/')) return `pelm-server: ${functionName || '(anonymous)'}`
  if (url.includes('/bench/')) return 'benchmark driver and instant Pelm'
  return undefined
}

/**
 * What a sample belongs to: garbage collection, random bytes (wherever drawn), or the nearest
 * library function on its stack, so the time spent in Node internals (a `Response`, a stream,
 * an `AbortSignal`, `TextEncoder`) counts for the library code that asked for it.
 */
export function partOf(stack) {
  const [leaf] = stack
  if (leaf.functionName === '(garbage collector)') return 'garbage collection'
  if (leaf.functionName === '(program)' || leaf.functionName === '(root)') {
    return 'V8 and native code (not attributed)'
  }
  if (stack.some((frame) => frame.functionName === 'getRandomValues')) {
    return 'random bytes (crypto.getRandomValues)'
  }
  for (const frame of stack) {
    const owner = ownerOf(frame)
    if (owner) return owner
  }
  return `Node: ${leaf.functionName || '(anonymous)'}`
}

/** Runs `work` under the profiler; answers each part's share of the samples, idle excluded. */
export async function profileShares(work) {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US })
    await session.post('Profiler.start')
    await work()
    const { profile } = await session.post('Profiler.stop')
    const counts = new Map()
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
    const parents = new Map()
    for (const node of profile.nodes) {
      for (const child of node.children ?? []) parents.set(child, node.id)
    }
    const stackOf = (id) => {
      const stack = []
      for (let at = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at).callFrame)
      return stack
    }
    let total = 0
    for (const id of profile.samples) {
      if (nodes.get(id).callFrame.functionName === '(idle)') continue
      const part = partOf(stackOf(id))
      counts.set(part, (counts.get(part) ?? 0) + 1)
      total += 1
    }
    return Object.fromEntries([...counts].map(([part, count]) => [part, count / total]))
  } finally {
    session.disconnect()
  }
}
