'use client'
import { createContext, createElement, type ReactNode } from 'react'
import type { PelmConfig } from './api'

// Marked pure, like ConnectButton's `forwardRef`: to a bundler a top-level call is a side effect,
// and kept, it keeps all it reaches: an app importing only `PelmConnectError` got every hook.
export const PelmContext = /* @__PURE__ */ createContext<PelmConfig>({})

/** Props of `PelmProvider`: where the server's Pelm routes live and how to call them. */
export interface PelmProviderProps extends PelmConfig {
  children?: ReactNode
}

/**
 * Optional: configures the Pelm hooks and components below it. Without it they call `/api/pelm`
 * with the global `fetch`. The hooks still need the app's `QueryClientProvider` above them.
 *
 * @example
 * ```tsx
 * <QueryClientProvider client={queryClient}>
 *   <PelmProvider basePath="/internal/pelm" headers={{ 'x-csrf-token': csrfToken }}>
 *     <App />
 *   </PelmProvider>
 * </QueryClientProvider>
 * ```
 */
export function PelmProvider({ children, ...config }: PelmProviderProps) {
  return createElement(PelmContext.Provider, { value: config }, children)
}
