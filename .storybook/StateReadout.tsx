import type { Decorator } from '@storybook/react-vite'
import { useEffect, useRef, useState } from 'react'
import { STORY_ROOT } from './fakes/browser'

/** The button's `data-state` and `aria-busy`, live: unstyled, it looks the same in every state. */
function StateReadout() {
  const ref = useRef<HTMLParagraphElement>(null)
  const [state, setState] = useState<{ dataState: string; busy: string }>()
  useEffect(() => {
    const root = ref.current?.closest(STORY_ROOT)
    if (!root) return
    const read = () => {
      const button = root.querySelector('button[data-state]')
      setState(
        button
          ? {
              dataState: button.getAttribute('data-state') ?? '',
              busy: button.getAttribute('aria-busy') ?? '',
            }
          : undefined,
      )
    }
    const observer = new MutationObserver(read)
    observer.observe(root, { subtree: true, attributeFilter: ['data-state', 'aria-busy'] })
    read()
    return () => observer.disconnect()
  }, [])
  return (
    <p ref={ref} className="sb-readout">
      {state && (
        <>
          data-state=<code>{state.dataState}</code> aria-busy=<code>{state.busy}</code>
        </>
      )}
    </p>
  )
}

/** Adds the readout under the story, unless `parameters.pelm.stateReadout` is `false`. */
export const withStateReadout: Decorator = (Story, { parameters }) => (
  <>
    <Story />
    {parameters.pelm?.stateReadout !== false && <StateReadout />}
  </>
)
