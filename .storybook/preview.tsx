import './preview.css'
import type { Connection } from '@acme/pelm-react'
import type { Decorator, Preview } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { PelmConnectError } from '../packages/pelm-react/src/errors'
import { StoryFrame } from './fakes/BrowserFakes'
import { installFakeBrowser, resetFakeBrowser } from './fakes/browser'
import { pelmHandlers, resetFakeServer } from './fakes/server'

/** Per story, under `parameters.pelm`. */
export interface PelmStoryParameters {
  /** The fake user's connections when the story starts (`CONNECTIONS` has some); none by default. */
  connections?: readonly Connection[]
  /** `window.open` returns `null`, as when a popup blocker stops it. */
  blockPopups?: boolean
  /** Hide the held-navigation notice and the popup stand-in (a story that draws its own). */
  browserChrome?: boolean
  /** ConnectButton stories: hide the live `data-state` readout (a story with several buttons). */
  stateReadout?: boolean
}

installFakeBrowser()

// On a docs page each story runs in its own frame (docs.story.inline below), play function
// included; its clicks focus buttons, which would scroll the docs page to each story in turn.
if (window.parent !== window.top) {
  const focus = HTMLElement.prototype.focus
  HTMLElement.prototype.focus = function focusWithoutScrolling(options) {
    focus.call(this, { ...options, preventScroll: true })
  }
}

async function startWorker() {
  const worker = setupWorker()
  await worker.start({
    quiet: true,
    // the built site may be served from a sub-path: resolve the worker beside iframe.html
    serviceWorker: {
      url: import.meta.env.PROD ? './mockServiceWorker.js' : '/mockServiceWorker.js',
    },
    onUnhandledFrame({ frame, defaults }) {
      // a Pelm route a story forgot to fake is a bug in the story: fail it loudly
      const { request } = frame.data as { request?: Request }
      if (request && new URL(request.url).pathname.includes('/pelm/')) defaults.error()
    },
  })
  return worker
}

/** A fresh QueryClient per story: no cached connect URL or connections leak between stories. */
const withQueryClient: Decorator = (Story, { loaded }) => (
  <QueryClientProvider client={loaded.queryClient as QueryClient}>
    <Story />
  </QueryClientProvider>
)

const withFakeBrowser: Decorator = (Story, { parameters }) => (
  <StoryFrame chrome={(parameters.pelm as PelmStoryParameters | undefined)?.browserChrome ?? true}>
    <Story />
  </StoryFrame>
)

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [
    mswLoader(startWorker),
    // The app's QueryClient decides retries. This one, as the package README suggests, retries a
    // retryable PelmConnectError (network, 5xx) twice and a 401 never; with quick delays, since the
    // default backoff (1 s, 2 s) would only make error stories slow.
    async () => ({
      queryClient: new QueryClient({
        defaultOptions: {
          queries: {
            retry: (count, error) =>
              count < 2 && (!(error instanceof PelmConnectError) || error.retryable),
            retryDelay: 50,
          },
        },
      }),
    }),
  ],
  async beforeEach({ parameters }) {
    const pelm: PelmStoryParameters = parameters.pelm ?? {}
    resetFakeServer({ connections: pelm.connections })
    await resetFakeBrowser({ blockPopups: pelm.blockPopups })
  },
  decorators: [withFakeBrowser, withQueryClient],
  parameters: {
    layout: 'padded',
    msw: { handlers: pelmHandlers() },
    // axe violations fail the story's test (in `npm test` and in the Storybook UI)
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: {
      // each story in its own frame: msw's handlers and the fakes are per page, so stories that
      // share a docs page must not share one
      story: { inline: false, height: '190px' },
      codePanel: true,
    },
    options: {
      storySort: { order: ['Getting started', 'Components', 'Hooks', 'Flows'] },
    },
  },
}

export default preview
