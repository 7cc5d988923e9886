'use client'
import { useEffect, useRef, useState } from 'react'
import { request } from './api'
import { refreshConnections } from './connections'
import { fields, type PelmConnectError } from './errors'
import { announce, type Settled, type UncheckedOutcome, unset } from './outcome'
import { reportToOpener } from './popup'
import type { ConnectCallbacks } from './types'
import { type Pelm, usePelm } from './usePelm'
import type { ExchangeRequest } from './wire'

/** Options of `useConnectCallback`. */
export interface UseConnectCallbackOptions extends ConnectCallbacks {
  /**
   * The query string to read `code`, `state` and `error` from, for routers that own the URL
   * (for example `useSearchParams().toString()`). Default: `window.location.search`.
   */
  search?: string
}

/**
 * What `useConnectCallback` returns: `connection`, `error` and `exitReason` are set only in their
 * own status (`success`, `error`, `exited`), `null` in the others.
 */
export type UseConnectCallbackResult =
  | { status: 'idle' | 'pending'; connection: null; error: null; exitReason: null }
  | Settled

/** What the exchange query holds: the exchange's outcome, settled or on its way. */
interface Exchange {
  outcome: Promise<Settled>
}

/**
 * Asks the server to exchange the code; its answer or failure as an outcome in plain data, which
 * goes through `postMessage` to the opener in popup mode. Both windows check it the same way
 * when they settle it (`connection` included).
 */
const exchange = (pelm: Pelm, body: ExchangeRequest): Promise<UncheckedOutcome> =>
  request(pelm, '/exchange', 'POST', body).then(
    (answer) => ({ status: 'success', connection: fields(answer).connection }),
    ({ code, message, status }: PelmConnectError) => ({
      status: 'error',
      error: { code, message, status },
    }),
  )

/**
 * For the page Pelm redirects back to: exchanges the `code` once (StrictMode, remounts and reloads
 * included), strips `code`, `state`, `error` and `error_description` from the address bar,
 * refreshes `useConnections` and, inside the popup, reports to the opening window, which closes it.
 *
 * @example
 * ```tsx
 * function PelmCallbackPage() {
 *   const result = useConnectCallback({ onSuccess: () => navigate('/accounts') })
 *   if (result.status === 'success') return <p>Connected {result.connection.utility?.name}</p>
 *   if (result.status === 'error') return <p role="alert">Could not connect: {result.error.message}</p>
 *   if (result.status === 'exited') return <a href="/connect">Connect later</a>
 *   return <p>Connecting your utility account…</p>
 * }
 * ```
 */
export function useConnectCallback(
  options: UseConnectCallbackOptions = {},
): UseConnectCallbackResult {
  const pelm = usePelm()
  // Read when the exchange ends: the latest callbacks and config; no effect depends on them.
  const latest = useRef<UseConnectCallbackOptions & Pelm>(pelm)
  latest.current = { ...options, ...pelm }
  const [result, setResult] = useState<UseConnectCallbackResult>({ ...unset, status: 'idle' })

  useEffect(() => {
    const pelm = latest.current
    const { client, basePath } = pelm
    // the parameters Pelm adds to the redirect
    const pelmParams = ['code', 'state', 'error', 'error_description']
    const params = new URLSearchParams(options.search ?? location.search)
    const [code, state, error] = pelmParams.map((name) => params.get(name))
    // They leave the address bar (and history, bookmarks) whichever of them are there, a lone
    // `state` or an empty `code` too, and before the exchange starts: a reload cannot send the
    // code again. An address without them is left as it is (a rewrite would respell its query).
    const url = new URL(location.href)
    if (pelmParams.some((name) => url.searchParams.has(name))) {
      for (const name of pelmParams) url.searchParams.delete(name)
      history.replaceState(history.state, '', url)
    }
    if (!code && !error) return
    setResult({ ...unset, status: 'pending' })
    // How this callback ends: the exchange's answer, or what Pelm's `error` parameter says.
    const settle = async (): Promise<Settled> => {
      const outcome: UncheckedOutcome =
        error === 'user_initiated_exit'
          ? { status: 'exited', exitReason: error }
          : error
            ? { status: 'error', error: { code: error } }
            : // code is set here; a missing state is the server's to refuse
              await exchange(pelm, { code: code ?? '', state: state ?? '' })
      reportToOpener(outcome)
      void refreshConnections(pelm)
      return announce(outcome, latest.current)
    }
    // One exchange per callback URL and QueryClient. The query holds it from the moment it is
    // sent, settled or not: StrictMode's second effect and a remount (a router that still holds
    // the old query string) get the same one without a fetch (`staleTime`), and a fetch of this
    // query (an app's refetchQueries()) answers it again. An app that resets or clears the Pelm
    // queries meanwhile (an auth listener, README "Signing in and out") cancels at most a fetch,
    // never the exchange: the page that sent it still settles on it.
    let sent: Exchange | undefined
    client
      .fetchQuery({
        queryKey: ['pelm', 'exchange', basePath, code, state, error],
        queryFn: ({ queryKey }) => {
          const held = client.getQueryData<Exchange>(queryKey)
          if (held) return held
          sent = { outcome: settle() }
          return sent
        },
        staleTime: Infinity,
        gcTime: Infinity,
      })
      .catch(() => sent)
      .then((got) => got?.outcome.then(setResult))
  }, [options.search])

  return result
}
