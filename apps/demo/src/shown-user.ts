import type { DemoUser } from '../shared/types'

const KEY = 'homewatt:shown-user'

function read(): DemoUser | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null')
    const { id, name } = Object(value)
    return typeof id === 'string' && typeof name === 'string' ? { id, name } : undefined
  } catch {
    return undefined
  }
}

/**
 * The signed-in user this tab showed before the current page loaded, read once at start. The
 * callback page compares it with who is signed in now: Connect started by one person and finished
 * after another signed in (in another tab) is refused by the server, and the page can say why.
 */
export const userShownBefore: DemoUser | undefined = read()

/** Remembers, for this tab only (`sessionStorage`), the user its pages show. */
export function rememberShownUser(user: DemoUser): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ id: user.id, name: user.name }))
  } catch {
    // storage disabled: the callback page falls back to the general message
  }
}

/**
 * Who started the Connect flow this callback page finishes, when it was someone other than the
 * user signed in now; `undefined` otherwise (or when this tab does not know).
 *
 * @example
 * ```ts
 * const starter = startedByAnotherUser(session.data?.user)
 * ```
 */
export function startedByAnotherUser(
  current: DemoUser | null | undefined,
  before: DemoUser | undefined = userShownBefore,
): DemoUser | undefined {
  return before && current && before.id !== current.id ? before : undefined
}
