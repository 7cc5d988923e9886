'use client'
import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { check, request } from './api'
import type { PelmConnectError } from './errors'
import { announce, type ConnectOutcome } from './outcome'
import { openPopup, watchPopup } from './popup'
import type { ConnectCallbacks, ConnectMode, ConnectStatus, ConnectUrl } from './types'
import { type Pelm, usePelm } from './usePelm'

/** Options of `useConnect` (and props of `ConnectButton`). */
export interface UseConnectOptions extends ConnectCallbacks {
  /** Skips Pelm's utility selection screen. */
  utilityId?: string
  /** Skips Pelm's utility selection screen (Pelm's newer name for a utility). */
  utilitySlug?: string
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
/**
 * When a cached URL stops being usable, on this browser's clock: `expiresIn` seconds after it
 * arrived (a relative lifetime, so a wrong clock on either side cannot stretch it); `NaN` without
 * a URL.
 */
const expiry = ({ data, dataUpdatedAt }: { data?: ConnectUrl; dataUpdatedAt: number }) =>
  dataUpdatedAt + (data?.expiresIn as number) * 1000
/** Each fetch replaces the server's state cookie: only the newest URL can still be exchanged. */
let newestUrl: string | null

/**
 * The headless `ConnectButton`: prefetches the connect URL, keeps it fresh, and opens Connect.
 *
 * @example
 * ```tsx
 * const { open, status } = useConnect({ mode: 'popup', onSuccess: () => navigate('/accounts') })
 * return <MyButton onClick={open} loading={status === 'loading'}>Connect</MyButton>
 * ```
 */
export function useConnect(options: UseConnectOptions = {}): UseConnectResult {
  const pelm = usePelm()
  const { client } = pelm
  // Callbacks are read when they fire: always the latest closure, and no effect depends on them.
  const latest = useRef<UseConnectOptions & Pelm>(pelm)
  latest.current = { ...options, ...pelm }
  const { utilityId, utilitySlug } = options
  // keyed by the options' values, never by the identity of an inline options object
  const queryKey = ['pelm', 'connect', pelm.basePath, utilityId, utilitySlug]
  const queryFn = async (): Promise<ConnectUrl> => {
    newestUrl = null
    const url = (await request(pelm, '/connect-token', 'POST', {
      utilityId,
      utilitySlug,
    })) as ConnectUrl
    check(typeof url?.connectUrl === 'string' && url.expiresIn > 0)
    newestUrl = url.connectUrl
    return url
  }
  const query = useQuery<ConnectUrl, PelmConnectError>({
    queryKey,
    queryFn,
    staleTime: ({ state }) => expiry(state) - REFRESH_MARGIN - state.dataUpdatedAt,
    // past the refresh time (a failed refresh, a sleeping laptop): retry every 30 seconds
    refetchInterval: ({ state }) => Math.max(expiry(state) - REFRESH_MARGIN - Date.now(), 30_000),
  })
  const stop = useRef<() => void>(null)
  const [attempt, setAttempt] = useState<PelmConnectError | true | null>(null)

  const open = () => {
    if (stop.current) return
    // before any await: popup blockers only allow a window opened by the click itself
    const popup = latest.current.mode === 'popup' ? openPopup() : null
    // however it ended, the popup has served (a no-op when the user closed it)
    const finish = (outcome: ConnectOutcome) => {
      stop.current?.()
      stop.current = null
      popup?.close()
      setAttempt(announce(outcome, latest.current).error)
    }
    // a redirect has nothing to watch until the page comes back (below); any function marks the
    // attempt as under way
    stop.current = popup ? watchPopup(popup, finish) : () => {}
    setAttempt(true)
    client
      .fetchQuery({
        queryKey,
        queryFn,
        // the cached URL when usable (no network wait), else a fresh one; newestUrl is unset
        // while any connect URL is being fetched
        staleTime: ({ state }) =>
          expiry(state) > Date.now() && state.data?.connectUrl === newestUrl ? Infinity : 0,
      })
      .then(
        ({ connectUrl }) => {
          if (popup) popup.location.href = connectUrl
          else {
            location.assign(connectUrl)
            // The next pageshow can only be a return from Connect through the bfcache: the page
            // lives again and must not stay "redirecting".
            addEventListener(
              'pageshow',
              () => finish({ status: 'exited', exitReason: 'navigated_back' }),
              { once: true },
            )
          }
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
