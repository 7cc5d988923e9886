'use client'
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useContext } from 'react'
import type { PelmConfig } from './api'
import { PelmContext } from './PelmProvider'

/** @internal What every hook needs: the `PelmProvider` settings, the base path and the app's QueryClient. */
export interface Pelm extends PelmConfig {
  basePath: string
  client: QueryClient
}

/**
 * @internal Reads the `PelmProvider` settings and the app's QueryClient. Without a
 * `QueryClientProvider`, react-query's `useQueryClient` throws its own actionable error ("No
 * QueryClient set, use QueryClientProvider to set one").
 */
export function usePelm(): Pelm {
  const config = useContext(PelmContext)
  return { ...config, basePath: config.basePath ?? '/api/pelm', client: useQueryClient() }
}
