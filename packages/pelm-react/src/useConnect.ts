'use client'
import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { check, request } from './api'
import { refreshConnections } from './connections'
import { fields, type PelmConnectError } from './errors'
import { announce } from './outcome'
import { openPopup, watchPopup } from './popup'
import { leave } from './redirect'
import type { ConnectCallbacks, ConnectMode, ConnectStatus } from './types'
import { type Pelm, usePelm } from './usePelm'
import type { ConnectTokenRequest, ConnectUrl } from './wire'

/** Options of `useConnect` (and props of `ConnectButton`). */
export interface UseConnectOptions extends ConnectCallbacks {
  /** Skips Pelm's utility selection screen. */
  utilityId?: string
  /** Skips Pelm's utility selection screen (Pelm's newer name for a utility). */
  utilitySlug?: string
  /**
   * Reconnects this connection (one of `useConnections()`'s ids): Connect opens in update mode
   * for the same utility login, and the callback's `connection` is the renewed one.
   */
  connectionId?: string
  /** `redirect` (default) navigates this tab; `popup` opens Connect in a popup window. */
  mode?: ConnectMode
}

/** What `useConnect` returns. */
export interface UseConnectResult {
  /** Starts Connect. Call it from a click handler: popup mode opens its window synchronously. */
  open: () => void
  /** True while a fresh connect URL is cached: `open()` navigates with no network wait. */
  ready: boolean
  status: ConnectStatus
  error: PelmConnectError | null
}

/** Refresh a connect URL one minute before it expires. */
const REFRESH_MARGIN = 60_000

/** What the hook caches of a connect-token answer: all it uses, each field checked. */
type CachedUrl = Pick<ConnectUrl, 'connectUrl' | 'expiresIn'>

/**
 * When a cached URL stops being usable, on this browser's clock: `expiresIn` seconds after it
 * arrived (a relative lifetime, so a wrong clock on either side cannot stretch it); 0, long past,
 * without a URL.
 */
const expiry = ({ data, dataUpdatedAt }: { data?: CachedUrl; dataUpdatedAt: number }) =>
  data ? dataUpdatedAt + data.expiresIn * 1000 : 0

/**
 * The headless `ConnectButton`: prefetches the connect URL, keeps it fresh, and opens Connect.
 *
 * @example
 * ```tsx
 * const { open, status } = useConnect({ mode: 'popup', onSuccess: (connection) => navigate('/accounts') })
 * return <MyButton onClick={open} loading={status === 'loading'}>Connect</MyButton>
 * ```
 */
export function useConnect(options: UseConnectOptions = {}): UseConnectResult {
  const pelm = usePelm()
  const { client } = pelm
  // Callbacks are read when they fire: always the latest closure, and no effect depends on them.
  const latest = useRef<UseConnectOptions & Pelm>(pelm)
  latest.current = { ...options, ...pelm }
  const { utilityId, utilitySlug, connectionId } = options
  const body: ConnectTokenRequest = { utilityId, utilitySlug, connectionId }
  // keyed by every value that changes the URL (react-query hashes the body by value, never by the
  // identity of an inline options object)
  const queryKey = ['pelm', 'connect', pelm.basePath, body]
  const queryFn = async (): Promise<CachedUrl> => {
    const { connectUrl, expiresIn } = fields(await request(pelm, '/connect-token', 'POST', body))
    check(typeof connectUrl === 'string' && typeof expiresIn === 'number' && expiresIn > 0)
    // at most a day (Pelm's tokens live 30 minutes): a browser timer set beyond 2^31 ms (24.8
    // days) fires at once, so a longer lifetime would refetch the URL in a loop
    return { connectUrl, expiresIn: Math.min(expiresIn, 86_400) }
  }
  const query = useQuery<CachedUrl, PelmConnectError>({
    queryKey,
    queryFn,
    staleTime: ({ state }) => expiry(state) - REFRESH_MARGIN - state.dataUpdatedAt,
    // past the refresh time (a failed first fetch or refresh, a sleeping laptop): every 30 seconds
    // (a literal: a module-level constant would stay a variable in a minified bundle); never after
    // an error that repeating cannot fix (a 401, a stale reconnect id's 404): each fetch spends
    // the user's connect-token rate limit, and a click still tries again
    refetchInterval: ({ state }) =>
      state.error?.retryable === false
        ? false
        : Math.max(expiry(state) - REFRESH_MARGIN - Date.now(), 30_000),
  })
  const stop = useRef<() => void>(null)
  const [attempt, setAttempt] = useState<PelmConnectError | true | null>(null)

  const open = () => {
    if (stop.current) return
    // before any await: popup blockers only allow a window opened by the click itself
    const popup = latest.current.mode === 'popup' ? openPopup() : null
    // however it ended, the popup has served (a no-op when the user closed it); no outcome: the
    // navigation was cancelled and the page simply stayed
    const finish = (outcome?: unknown) => {
      stop.current?.()
      stop.current = null
      popup?.close()
      setAttempt(outcome === undefined ? null : announce(outcome, latest.current).error)
    }
    // any function marks the attempt as under way until the URL is in hand
    stop.current = popup
      ? watchPopup(popup, (outcome) => {
          // the popup may have exchanged the code, and it used this URL's state
          void refreshConnections(pelm)
          void client.invalidateQueries({ queryKey })
          finish(outcome)
        })
      : () => {}
    setAttempt(true)
    client
      .fetchQuery({
        queryKey,
        queryFn,
        // this query's own URL while usable (no network wait); when it is being fetched or
        // refreshed right now, the answer on its way instead of the URL it replaces
        staleTime: ({ state }) =>
          state.fetchStatus === 'idle' && expiry(state) > Date.now() ? Infinity : 0,
        // offline, react-query would hold the request until the network is back, the button
        // "redirecting" all along: Connect cannot open offline, so say so at once
        networkMode: 'always',
      })
      .then(
        ({ connectUrl }) => {
          if (popup) popup.location.href = connectUrl
          else stop.current = leave(connectUrl, finish)
        },
        (error) => finish({ status: 'error', error }),
      )
  }

  const ready = expiry(query) > Date.now()
  // a failed prefetch stays an error while react-query refetches: no flicker every 30 seconds
  const error = attempt instanceof Error ? attempt : ready ? null : query.error
  const status = attempt === true ? 'redirecting' : error ? 'error' : ready ? 'ready' : 'loading'
  return { open, ready, status, error }
}
