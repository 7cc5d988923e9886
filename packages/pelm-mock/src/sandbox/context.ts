import type { Retention } from './retention'
import type { SandboxStore } from './store'

/** Options the route factories share, with every default filled in. */
export interface SandboxContext {
  store: SandboxStore
  now: () => number
  clientId: string
  secret: string
  /** The origin of `baseUrl`: where browsers reach the sandbox, e.g. behind a proxy. */
  publicOrigin: string
  /** New connections answer `data_unavailable` for this long after the code is exchanged. */
  dataDelayMs: number
  /** How many Connect sessions (and tokens, codes, deleted Users) are kept, and how long. */
  retention: Retention
}
