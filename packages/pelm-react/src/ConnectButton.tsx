'use client'
import { type ButtonHTMLAttributes, createElement, forwardRef, type MouseEvent } from 'react'
import { type UseConnectOptions, useConnect } from './useConnect'

/** Props of `ConnectButton`: the `useConnect` options plus every native `<button>` prop. */
export interface ConnectButtonProps
  extends UseConnectOptions,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, keyof UseConnectOptions> {}

/**
 * A native `<button type="button">` that opens Pelm Connect. The connect URL is prefetched on
 * mount, so a click navigates at once. Styling hooks: `data-state` (`loading | ready | error |
 * redirecting`) and `aria-busy`.
 *
 * @example
 * ```tsx
 * <ConnectButton utilitySlug="pge" className="btn" onExit={() => toast('Maybe later')}>
 *   Connect PG&E
 * </ConnectButton>
 * // reconnect a connection whose status is 'reconnect_required'
 * <ConnectButton connectionId={connection.id}>Reconnect</ConnectButton>
 * ```
 */
export const ConnectButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, ConnectButtonProps>(
  function ConnectButton(props, ref) {
    const {
      utilityId,
      utilitySlug,
      connectionId,
      mode,
      onSuccess,
      onError,
      onExit,
      onClick,
      ...rest
    } = props
    const { open, status } = useConnect(props)
    // createElement rather than JSX: one import fewer in a size-budgeted bundle
    return createElement(
      'button',
      {
        type: 'button',
        'data-state': status,
        'aria-busy': status === 'loading' || status === 'redirecting',
        ...rest,
        ref,
        onClick(event: MouseEvent<HTMLButtonElement>) {
          onClick?.(event)
          if (!event.defaultPrevented) open()
        },
      },
      rest.children ?? 'Connect utility account',
    )
  },
)
