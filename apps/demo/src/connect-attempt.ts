import type { Connection, ConnectionStatus } from '@acme/pelm-react'

/** The message our callback page, inside the popup, posts to the opener as soon as it loads. */
export const CALLBACK_REACHED = 'homewatt:callback-reached'

/**
 * What the connections were when the person clicked Connect; `undefined` when the list had not
 * loaded yet (then nothing can be told apart, and nothing is claimed).
 */
export type Baseline = ReadonlyMap<string, ConnectionStatus> | undefined

export const baselineOf = (connections: readonly Connection[] | undefined): Baseline =>
  connections && new Map(connections.map((connection) => [connection.id, connection.status]))

/**
 * The connection an attempt made or repaired, judged from the server's list rather than from how
 * the attempt ended: a popup closed while the exchange ran, or Back pressed after a successful
 * redirect, still made one.
 */
export function madeSince(
  baseline: Baseline,
  connections: readonly Connection[] | undefined,
): Connection | undefined {
  if (!baseline) return undefined
  return connections?.find((connection) => {
    const before = baseline.get(connection.id)
    return before === undefined || (before !== 'active' && connection.status === 'active')
  })
}

/**
 * Whether this window is a popup one of our own pages opened: its opener is on our origin.
 * (Reading the location of an opener on another origin throws: not ours.)
 */
export function openedByOurPage(): boolean {
  try {
    return window.opener?.location.origin === location.origin
  } catch {
    return false
  }
}

/** Tells the opening window that Connect came back to our callback page (so it had opened). */
export function announceCallbackToOpener(): void {
  if (openedByOurPage()) window.opener.postMessage({ type: CALLBACK_REACHED }, location.origin)
}
