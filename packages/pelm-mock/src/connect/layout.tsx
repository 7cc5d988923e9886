/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { ExitForm } from './exit-form'
import type { ConnectStep } from './session'
import { StepIndicator } from './step-indicator'
import { connectStyles } from './styles'

export interface LayoutProps {
  /** The page title, before " · Pelm Connect"; the screen's h1 usually says the same. */
  title: string
  /** Exposed as `data-screen` on the card, for tests and styling. */
  screen: string
  progress?: { steps: readonly ConnectStep[]; current: ConnectStep }
  /** Where the Exit button posts; error pages have none. */
  exitAction?: string
  children: Child
}

/** The page around every screen: brand bar, Sandbox badge, centred card, step indicator, Exit. */
export function Layout(props: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${props.title} · Pelm Connect`}</title>
          <style>{raw(connectStyles)}</style>
        </head>
        <body>
          <header class="topbar">
            <span class="brand">
              <span class="brand-mark" aria-hidden="true">
                P
              </span>
              Pelm Connect
            </span>
            <span class="badge">Sandbox</span>
          </header>
          <main class="card" data-screen={props.screen}>
            {props.progress && <StepIndicator {...props.progress} />}
            {props.children}
            {props.exitAction && <ExitForm action={props.exitAction} />}
          </main>
          <footer class="footnote">
            An offline Pelm sandbox: no real utility is contacted and nothing you type leaves this
            machine.
          </footer>
        </body>
      </html>
    </>
  )
}
