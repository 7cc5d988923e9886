'use client'
export type { PelmConfig } from './api'
export { ConnectButton, type ConnectButtonProps } from './ConnectButton'
export { PelmConnectError, type PelmConnectErrorInit, type PelmErrorCode } from './errors'
export type { ConnectOutcome } from './outcome'
export { PelmProvider, type PelmProviderProps } from './PelmProvider'
export type { ConnectResultMessage } from './popup'
export type {
  ConnectCallbackStatus,
  ConnectCallbacks,
  ConnectExit,
  Connection,
  ConnectMode,
  ConnectStatus,
  ConnectUrl,
} from './types'
export { type UseConnectOptions, type UseConnectResult, useConnect } from './useConnect'
export {
  type UseConnectCallbackOptions,
  type UseConnectCallbackResult,
  useConnectCallback,
} from './useConnectCallback'
export { type UseConnectionOptions, type UseConnectionResult, useConnection } from './useConnection'
export { type UseDisconnectOptions, type UseDisconnectResult, useDisconnect } from './useDisconnect'
