'use client'
import { type QueryClient, QueryClientContext } from '@tanstack/react-query'
import { useContext } from 'react'
import { request } from './api'
import { PelmContext } from './PelmProvider'

/** @internal What every hook needs: the app's QueryClient, the base path and a bound request. */
export interface Pelm {
  client: QueryClient
  basePath: string
  call: (path: string, method?: string, body?: object) => Promise<unknown>
}

/** @internal Reads the app's QueryClient and the `PelmProvider` settings. */
export function usePelm(): Pelm {
  const client = useContext(QueryClientContext)
  const config = useContext(PelmContext)
  if (!client) {
    throw new Error('@acme/pelm-react: wrap your app in <QueryClientProvider client={queryClient}>')
  }
  return {
    client,
    basePath: config.basePath ?? '/api/pelm',
    call: (path, method, body) => request(config, path, method, body),
  }
}
