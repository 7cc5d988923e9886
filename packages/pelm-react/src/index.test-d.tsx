import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import type { ComponentProps, Ref } from 'react'
import { describe, expectTypeOf, test } from 'vitest'
import {
  ConnectButton,
  type ConnectButtonProps,
  type ConnectExit,
  type Connection,
  type ConnectionStatus,
  type ConnectionsResponse,
  type ConnectOutcome,
  type ConnectResultMessage,
  type ConnectStatus,
  type ConnectTokenRequest,
  type ConnectUrl,
  type ExchangeRequest,
  type ExchangeResponse,
  type PelmConnectError,
  type PelmConnectErrorCode,
  PelmProvider,
  type PelmProviderProps,
  type UseConnectCallbackOptions,
  type UseConnectCallbackResult,
  type UseConnectionsOptions,
  type UseConnectionsResult,
  type UseConnectOptions,
  type UseConnectResult,
  type UseDisconnectOptions,
  type UseDisconnectResult,
  useConnect,
  useConnectCallback,
  useConnections,
  useDisconnect,
} from './index'

describe('ConnectButton', () => {
  test('takes the connect options and every native button prop, with a button ref', () => {
    expectTypeOf<ConnectButtonProps>().toMatchTypeOf<UseConnectOptions>()
    expectTypeOf<ConnectButtonProps['mode']>().toEqualTypeOf<'redirect' | 'popup' | undefined>()
    expectTypeOf<ConnectButtonProps['onClick']>().toMatchTypeOf<
      ((event: React.MouseEvent<HTMLButtonElement>) => void) | undefined
    >()
    expectTypeOf<ComponentProps<typeof ConnectButton>['ref']>().toMatchTypeOf<
      Ref<HTMLButtonElement> | undefined
    >()
    expectTypeOf<ConnectButtonProps>().toHaveProperty('disabled')
    expectTypeOf<ConnectButtonProps>().toHaveProperty('aria-label')
    // the Pelm callbacks, not a DOM event handler named onError
    expectTypeOf<NonNullable<ConnectButtonProps['onError']>>().parameters.toEqualTypeOf<
      [PelmConnectError]
    >()
    void (<ConnectButton utilitySlug="pge" onExit={({ reason }) => reason} className="btn" />)
    void (<ConnectButton connectionId="c1">Reconnect</ConnectButton>)
    expectTypeOf<ConnectButtonProps['connectionId']>().toEqualTypeOf<string | undefined>()
    // @ts-expect-error: mode is redirect or popup
    void (<ConnectButton mode="iframe" />)
  })
})

describe('useConnect', () => {
  test('options and result', () => {
    expectTypeOf(useConnect).parameter(0).toEqualTypeOf<UseConnectOptions | undefined>()
    expectTypeOf(useConnect).returns.toEqualTypeOf<UseConnectResult>()
    expectTypeOf<UseConnectResult>().toEqualTypeOf<{
      open: () => void
      ready: boolean
      status: ConnectStatus
      error: PelmConnectError | null
    }>()
    expectTypeOf<ConnectStatus>().toEqualTypeOf<'loading' | 'ready' | 'error' | 'redirecting'>()
    expectTypeOf<NonNullable<UseConnectOptions['onExit']>>().parameters.toEqualTypeOf<
      [ConnectExit]
    >()
    expectTypeOf<NonNullable<UseConnectOptions['onSuccess']>>().returns.toEqualTypeOf<void>()
    expectTypeOf<NonNullable<UseConnectOptions['onSuccess']>>().parameters.toEqualTypeOf<
      [Connection]
    >()
    // everything that changes the URL is an option, with the request's own types
    expectTypeOf<
      Pick<UseConnectOptions, keyof ConnectTokenRequest>
    >().toEqualTypeOf<ConnectTokenRequest>()
  })
})

describe('useConnectCallback', () => {
  test('the result narrows by status', () => {
    expectTypeOf(useConnectCallback)
      .parameter(0)
      .toEqualTypeOf<UseConnectCallbackOptions | undefined>()
    expectTypeOf<UseConnectCallbackOptions['search']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<UseConnectCallbackResult['status']>().toEqualTypeOf<
      'idle' | 'pending' | 'success' | 'error' | 'exited'
    >()
    const result = {} as UseConnectCallbackResult
    if (result.status === 'error') {
      expectTypeOf(result.error).toEqualTypeOf<PelmConnectError>()
      expectTypeOf(result.connection).toEqualTypeOf<null>()
    }
    if (result.status === 'exited') expectTypeOf(result.exitReason).toEqualTypeOf<string>()
    if (result.status === 'success') {
      expectTypeOf(result.connection).toEqualTypeOf<Connection>()
      expectTypeOf(result.error).toEqualTypeOf<null>()
      expectTypeOf(result.exitReason).toEqualTypeOf<null>()
    }
    if (result.status === 'pending' || result.status === 'idle') {
      expectTypeOf(result.connection).toEqualTypeOf<null>()
    }
  })
})

describe('useConnections and useDisconnect', () => {
  test('are react-query results over the contract types', () => {
    expectTypeOf(useConnections).returns.toEqualTypeOf<UseConnectionsResult>()
    expectTypeOf<UseConnectionsResult>().toEqualTypeOf<
      UseQueryResult<Connection[], PelmConnectError>
    >()
    expectTypeOf(useDisconnect).returns.toEqualTypeOf<UseDisconnectResult>()
    expectTypeOf<UseDisconnectResult>().toEqualTypeOf<
      UseMutationResult<void, PelmConnectError, string>
    >()
    expectTypeOf<UseDisconnectResult['mutate']>().parameter(0).toEqualTypeOf<string>()
    expectTypeOf<UseConnectionsOptions>().not.toHaveProperty('queryKey')
    expectTypeOf<UseDisconnectOptions>().not.toHaveProperty('mutationFn')
  })
})

describe('wire types', () => {
  test('name the JSON of each route', () => {
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<'active' | 'reconnect_required' | 'unknown'>()
    expectTypeOf<Connection>().toEqualTypeOf<{
      id: string
      connectedAt: string
      utility?: { id?: string; slug?: string; name?: string }
      status: ConnectionStatus
    }>()
    expectTypeOf<ConnectionsResponse>().toEqualTypeOf<{ connections: Connection[] }>()
    expectTypeOf<ExchangeRequest>().toEqualTypeOf<{ code: string; state: string }>()
    expectTypeOf<ExchangeResponse>().toEqualTypeOf<{ connected: true; connection: Connection }>()
    expectTypeOf<ConnectTokenRequest>().toEqualTypeOf<{
      utilityId?: string
      utilitySlug?: string
      connectionId?: string
    }>()
    expectTypeOf<ConnectUrl>().toEqualTypeOf<{
      connectUrl: string
      expiresAt: string
      expiresIn: number
    }>()
  })

  test('the popup message is an outcome with its type', () => {
    expectTypeOf<ConnectResultMessage>().toMatchTypeOf<ConnectOutcome>()
    const outcome = {} as ConnectOutcome
    if (outcome.status === 'success') expectTypeOf(outcome.connection).toEqualTypeOf<Connection>()
  })
})

describe('PelmProvider and errors', () => {
  test('provider props', () => {
    expectTypeOf<PelmProviderProps['basePath']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<PelmProviderProps['fetch']>().toEqualTypeOf<typeof fetch | undefined>()
    expectTypeOf<PelmProviderProps['headers']>().toEqualTypeOf<Record<string, string> | undefined>()
    void (<PelmProvider basePath="/api/pelm" />)
  })

  test('PelmConnectError carries a code, a status and retryable', () => {
    expectTypeOf<PelmConnectError>().toMatchTypeOf<Error>()
    expectTypeOf<PelmConnectError['code']>().toEqualTypeOf<PelmConnectErrorCode>()
    expectTypeOf<'state_used'>().toMatchTypeOf<PelmConnectErrorCode>()
    expectTypeOf<'connection_not_found'>().toMatchTypeOf<PelmConnectErrorCode>()
    expectTypeOf<PelmConnectError['status']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<PelmConnectError['retryable']>().toEqualTypeOf<boolean>()
    expectTypeOf<ConnectResultMessage['type']>().toEqualTypeOf<'pelm:result'>()
  })
})
