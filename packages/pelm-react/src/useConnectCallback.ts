'use client'
import { useEffect, useRef, useState } from 'react'
import { settleOnce } from './callback-once'
import type { PelmConnectError } from './errors'
import { announce, type Settled, settle } from './outcome'
import { reportToOpener } from './popup'
import type { ConnectCallbackStatus, ConnectCallbacks } from './types'
import { usePelm } from './usePelm'

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

const PARAMS = ['code', 'state', 'error']

/**
 * For the page Pelm redirects back to: exchanges the `code` once (StrictMode, remounts and reloads
 * included), strips `code`, `state` and `error` from the address bar and, inside the popup, reports
 * to the opening window and closes it.
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
  const [result, setResult] = useState<Settled | { status: 'idle' | 'pending' }>({ status: 'idle' })
  // Read when the exchange ends: the latest callbacks, and no effect depends on them.
  const latest = useRef({ options, pelm })
  latest.current = { options, pelm }
  const { search } = options

  useEffect(() => {
    const params = new URLSearchParams(search ?? location.search)
    const [code, state, error] = PARAMS.map((name) => params.get(name))
    if (!code && !error) return
    const url = new URL(location.href)
    for (const name of PARAMS) url.searchParams.delete(name)
    history.replaceState(history.state, '', url)
    setResult({ status: 'pending' })
    settleOnce(
      code ? `code:${code}` : `error:${error}:${state}`,
      async () =>
        error === 'user_initiated_exit'
          ? { status: 'exited', exitReason: error }
          : error
            ? { status: 'error', error: { code: error, message: `Pelm: ${error}` } }
            : latest.current.pelm.call('/exchange', 'POST', { code, state }).then(
                () => ({ status: 'success' }),
                // plain data: the outcome goes to sessionStorage and postMessage
                (error: PelmConnectError) => ({
                  status: 'error',
                  error: { ...error, message: error.message },
                }),
              ),
      (outcome) => {
        announce(settle(outcome), latest.current.options, latest.current.pelm.client)
        reportToOpener(outcome)
      },
    ).then((outcome) => setResult(settle(outcome)))
  }, [search])

  return { error: null, exitReason: null, ...result } as UseConnectCallbackResult
}
