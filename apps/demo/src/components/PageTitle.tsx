import { type ReactNode, useEffect, useRef } from 'react'

/**
 * The page's `<h1>`, also its document title. It takes the focus when the page appears, so a
 * screen reader announces the new page after a client-side navigation.
 */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} · Homewatt`
    heading.current?.focus({ preventScroll: true })
  }, [title])
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  )
}
