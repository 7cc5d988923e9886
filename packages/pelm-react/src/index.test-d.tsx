import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import type { ComponentProps, Ref } from 'react'
import { describe, expectTypeOf, test } from 'vitest'
import {
  ConnectButton,
  type ConnectButtonProps,
  type ConnectExit,
  type Connection,
  type ConnectResultMessage,
  type ConnectStatus,
  type PelmConnectError,
  type PelmErrorCode,
  PelmProvider,
  type PelmProviderProps,
  type UseConnectCallbackOptions,
  type UseConnectCallbackResult,
  type UseConnectionOptions,
  type UseConnectionResult,
  type UseConnectOptions,
  type UseConnectResult,
  type UseDisconnectOptions,
  type UseDisconnectResult,
  useConnect,
  useConnectCallback,
  useConnection,
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
    if (result.status === 'error') expectTypeOf(result.error).toEqualTypeOf<PelmConnectError>()
    if (result.status === 'exited') expectTypeOf(result.exitReason).toEqualTypeOf<string>()
    if (result.status === 'success') {
      expectTypeOf(result.error).toEqualTypeOf<null>()
      expectTypeOf(result.exitReason).toEqualTypeOf<null>()
    }
  })
})

describe('useConnection and useDisconnect', () => {
  test('are react-query results over the contract types', () => {
    expectTypeOf(useConnection).returns.toEqualTypeOf<UseConnectionResult>()
    expectTypeOf<UseConnectionResult>().toEqualTypeOf<
      UseQueryResult<Connection, PelmConnectError>
    >()
    expectTypeOf(useDisconnect).returns.toEqualTypeOf<UseDisconnectResult>()
    expectTypeOf<UseDisconnectResult>().toEqualTypeOf<
      UseMutationResult<void, PelmConnectError, void>
    >()
    expectTypeOf<UseConnectionOptions>().not.toHaveProperty('queryKey')
    expectTypeOf<UseDisconnectOptions>().not.toHaveProperty('mutationFn')
    const connection = {} as Connection
    if (connection.connected) expectTypeOf(connection.connectedAt).toEqualTypeOf<string>()
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
    expectTypeOf<PelmConnectError['code']>().toEqualTypeOf<PelmErrorCode>()
    expectTypeOf<'state_used'>().toMatchTypeOf<PelmErrorCode>()
    expectTypeOf<PelmConnectError['status']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<PelmConnectError['retryable']>().toEqualTypeOf<boolean>()
    expectTypeOf<ConnectResultMessage['type']>().toEqualTypeOf<'pelm:result'>()
  })
})
