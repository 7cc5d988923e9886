'use client'
import { type QueryClient, QueryClientContext } from '@tanstack/react-query'
import { useContext } from 'react'
import type { PelmConfig } from './api'
import { PelmContext } from './PelmProvider'

/** @internal What every hook needs: the `PelmProvider` settings, the base path and the app's QueryClient. */
export interface Pelm extends PelmConfig {
  basePath: string
  client: QueryClient
}

/** @internal Reads the app's QueryClient and the `PelmProvider` settings. */
export function usePelm(): Pelm {
  const client = useContext(QueryClientContext)
  const config = useContext(PelmContext)
  if (!client) {
    throw new Error('@acme/pelm-react: wrap your app in <QueryClientProvider client={queryClient}>')
  }
  return { ...config, basePath: config.basePath ?? '/api/pelm', client }
}
