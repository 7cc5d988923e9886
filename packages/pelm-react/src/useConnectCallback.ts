'use client'
import { useEffect, useRef, useState } from 'react'
import { request } from './api'
import type { PelmConnectError } from './errors'
import { announce, type ConnectOutcome, type Settled } from './outcome'
import { reportToOpener } from './popup'
import type { ConnectCallbackStatus, ConnectCallbacks } from './types'
import { type Pelm, usePelm } from './usePelm'

/**
 * One outcome per callback URL in this page: StrictMode's double effects and remounts (a router
 * that still holds the old query string) share it. A reload needs no record: the URL is cleaned
 * before the exchange starts, and the server refuses a spent state.
 */
const outcomes: Record<string, Promise<Settled>> = {}

/** Options of `useConnectCallback`. */
export interface UseConnectCallbackOptions extends ConnectCallbacks {
  /**
   * The query string to read `code`, `state` and `error` from, for routers that own the URL
   * (for example `useSearchParams().toString()`). Default: `window.location.search`.
   */
  search?: string
}

/** What `useConnectCallback` returns; `error` and `exitReason` are set only in their own status. */
export type UseConnectCallbackResult =
  | { status: Exclude<ConnectCallbackStatus, 'error' | 'exited'>; error: null; exitReason: null }
  | { status: 'error'; error: PelmConnectError; exitReason: null }
  | { status: 'exited'; error: null; exitReason: string }

/**
 * For the page Pelm redirects back to: exchanges the `code` once (StrictMode, remounts and reloads
 * included), strips `code`, `state` and `error` from the address bar and, inside the popup, reports
 * to the opening window, which closes it.
 *
 * @example
 * ```tsx
 * function PelmCallbackPage() {
 *   const { status, error } = useConnectCallback({ onSuccess: () => navigate('/accounts') })
 *   if (status === 'error') return <p role="alert">Could not connect: {error.message}</p>
 *   if (status === 'exited') return <a href="/connect">Connect later</a>
 *   return <p>Connecting your utility account…</p>
 * }
 * ```
 */
export function useConnectCallback(
  options: UseConnectCallbackOptions = {},
): UseConnectCallbackResult {
  const pelm = usePelm()
  // Read when the exchange runs and ends: the latest callbacks, client and config; no effect
  // depends on them.
  const latest = useRef<UseConnectCallbackOptions & Pelm>(pelm)
  latest.current = { ...options, ...pelm }
  const [result, setResult] = useState<Settled | { status: 'idle' | 'pending' }>({ status: 'idle' })

  useEffect(() => {
    const params = new URLSearchParams(options.search ?? location.search)
    const url = new URL(location.href)
    const [code, state, error] = ['code', 'state', 'error'].map((name) => {
      url.searchParams.delete(name)
      return params.get(name)
    })
    if (!code && !error) return
    history.replaceState(history.state, '', url)
    setResult({ status: 'pending' })
    const key = [code, state, error].join()
    outcomes[key] ??= (async () => {
      const outcome: ConnectOutcome =
        error === 'user_initiated_exit'
          ? { status: 'exited', exitReason: error }
          : error
            ? { status: 'error', error: { code: error } }
            : await request(latest.current, '/exchange', 'POST', { code, state }).then(
                () => ({ status: 'success' }),
                // plain data: the outcome goes through postMessage
                (error: PelmConnectError) => ({
                  status: 'error',
                  error: { ...error, message: error.message },
                }),
              )
      reportToOpener(outcome)
      return announce(outcome, latest.current)
    })()
    outcomes[key].then(setResult)
  }, [options.search])

  return { error: null, exitReason: null, ...result } as UseConnectCallbackResult
}
