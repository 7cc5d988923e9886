import { type SandboxUtility, sandboxUtilities } from '../sandbox/utilities'

/** The sandbox utilities whose name or slug contains the query, ignoring case; all for a blank query. */
export function searchUtilities(query: string): readonly SandboxUtility[] {
  const needle = query.trim().toLowerCase()
  if (needle === '') return sandboxUtilities
  return sandboxUtilities.filter(
    (utility) =>
      utility.name.toLowerCase().includes(needle) || utility.slug.toLowerCase().includes(needle),
  )
}
