import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react'

// A tiny router over the History API: the demo has five pages and needs nothing more.
const NAVIGATED = 'demo:navigate'

function subscribe(onChange: () => void) {
  addEventListener('popstate', onChange)
  addEventListener(NAVIGATED, onChange)
  return () => {
    removeEventListener('popstate', onChange)
    removeEventListener(NAVIGATED, onChange)
  }
}

/** The current `location.pathname`; re-renders on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname)
}

/** `history.state`, where a page leaves a one-time message for the next one. */
export function useHistoryState<T>(): T | undefined {
  return useSyncExternalStore(subscribe, () => history.state ?? undefined) as T | undefined
}

export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}) {
  history[options.replace ? 'replaceState' : 'pushState'](options.state ?? null, '', to)
  dispatchEvent(new Event(NAVIGATED))
}

/** An `<a>` that navigates without reloading the page (modified clicks still open new tabs). */
export function Link({
  href,
  onClick,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={follow} {...props} />
}
