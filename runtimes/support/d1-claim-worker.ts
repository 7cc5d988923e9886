import type { ReplayStore } from '@acme/pelm-server'
import { d1ReplayStore } from '../../examples/cloudflare-worker/src/d1-replay-store'

// A Worker that runs the example's D1 replay store where it runs when deployed, in workerd next
// to D1: `POST /claim?instance=<n>` with `{ key, ttlMs }` answers the claim's boolean. Each
// instance number holds a store of its own, as separate Worker isolates would.
const stores = new Map<string, ReplayStore>()
type D1Database = Parameters<typeof d1ReplayStore>[0]

function claimOf(body: unknown): { key: string; ttlMs: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { key, ttlMs } = body as Record<string, unknown>
  return typeof key === 'string' && typeof ttlMs === 'number' ? { key, ttlMs } : undefined
}

export default {
  async fetch(request: Request, env: { REPLAY: D1Database }): Promise<Response> {
    const claim = claimOf(await request.json())
    if (!claim) return new Response('expected { key, ttlMs }', { status: 400 })
    const instance = new URL(request.url).searchParams.get('instance') ?? '0'
    const store = stores.get(instance) ?? d1ReplayStore(env.REPLAY)
    stores.set(instance, store)
    return Response.json(await store.claim(claim.key, claim.ttlMs))
  },
}
