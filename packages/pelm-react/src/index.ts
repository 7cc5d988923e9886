'use client'
export type { PelmConfig } from './api'
export { ConnectButton, type ConnectButtonProps } from './ConnectButton'
export {
  PelmConnectError,
  type PelmConnectErrorCode,
  type PelmConnectErrorInit,
} from './errors'
export type { ConnectOutcome } from './outcome'
export { PelmProvider, type PelmProviderProps } from './PelmProvider'
export type { ConnectResultMessage } from './popup'
export type {
  ConnectCallbackStatus,
  ConnectCallbacks,
  ConnectExit,
  ConnectMode,
  ConnectStatus,
} from './types'
export { type UseConnectOptions, type UseConnectResult, useConnect } from './useConnect'
export {
  type UseConnectCallbackOptions,
  type UseConnectCallbackResult,
  useConnectCallback,
} from './useConnectCallback'
export {
  type UseConnectionsOptions,
  type UseConnectionsResult,
  useConnections,
} from './useConnections'
export { type UseDisconnectOptions, type UseDisconnectResult, useDisconnect } from './useDisconnect'
export type {
  Connection,
  ConnectionStatus,
  ConnectionsResponse,
  ConnectTokenRequest,
  ConnectUrl,
  ExchangeRequest,
  ExchangeResponse,
} from './wire'
