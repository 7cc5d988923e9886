/** A utility the sandbox offers on its selection screen and accepts as `utility_id` / `utility_slug`. */
export interface SandboxUtility {
  /** Pelm's numeric-string id, as sent in `utility_id`. */
  id: string
  /** Pelm's newer identifier, as sent in `utility_slug`. */
  slug: string
  name: string
  state: string
  meterTypes: readonly ('ELECTRIC' | 'GAS')[]
}

/**
 * The utilities of the sandbox. "Pacific Gas and Electric" is the one Pelm's own sandbox uses.
 *
 * @example
 * ```ts
 * import { sandboxUtilities } from '@acme/pelm-mock'
 * const pge = sandboxUtilities.find((u) => u.slug === 'pge')
 * ```
 */
export const sandboxUtilities: readonly SandboxUtility[] = [
  {
    id: '1',
    slug: 'pge',
    name: 'Pacific Gas and Electric',
    state: 'CA',
    meterTypes: ['ELECTRIC', 'GAS'],
  },
  {
    id: '2',
    slug: 'sce',
    name: 'Southern California Edison',
    state: 'CA',
    meterTypes: ['ELECTRIC'],
  },
  {
    id: '3',
    slug: 'sdge',
    name: 'San Diego Gas & Electric',
    state: 'CA',
    meterTypes: ['ELECTRIC', 'GAS'],
  },
  {
    id: '4',
    slug: 'coned',
    name: 'Consolidated Edison',
    state: 'NY',
    meterTypes: ['ELECTRIC', 'GAS'],
  },
  { id: '5', slug: 'comed', name: 'Commonwealth Edison', state: 'IL', meterTypes: ['ELECTRIC'] },
  { id: '6', slug: 'duke-energy', name: 'Duke Energy', state: 'NC', meterTypes: ['ELECTRIC'] },
  { id: '7', slug: 'pseg', name: 'PSE&G', state: 'NJ', meterTypes: ['ELECTRIC', 'GAS'] },
  {
    id: '8',
    slug: 'xcel-energy',
    name: 'Xcel Energy',
    state: 'CO',
    meterTypes: ['ELECTRIC', 'GAS'],
  },
]

/**
 * Finds a utility by id or slug (the id wins when both are given); `undefined` when the sandbox
 * does not know it.
 *
 * @example
 * ```ts
 * import { findUtility } from '@acme/pelm-mock'
 *
 * findUtility({ slug: 'pge' })?.name // 'Pacific Gas and Electric'
 * findUtility({ id: '999' }) // undefined
 * ```
 */
export function findUtility(by: { id?: string; slug?: string }): SandboxUtility | undefined {
  if (by.id !== undefined) return sandboxUtilities.find((utility) => utility.id === by.id)
  if (by.slug !== undefined) return sandboxUtilities.find((utility) => utility.slug === by.slug)
  return undefined
}
