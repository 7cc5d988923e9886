/** @jsxImportSource hono/jsx */
import type { ConnectStep } from './session'

const stepLabels: Record<ConnectStep, string> = {
  terms: 'Terms',
  utility: 'Utility',
  credentials: 'Sign in',
}

/** Where the user is in the flow; hidden when the flow has a single step. */
export function StepIndicator(props: { steps: readonly ConnectStep[]; current: ConnectStep }) {
  const currentIndex = props.steps.indexOf(props.current)
  if (props.steps.length < 2 || currentIndex < 0) return null
  return (
    <div class="progress">
      <ol class="steps" aria-label="Progress">
        {props.steps.map((step, index) => {
          const state =
            index < currentIndex ? 'complete' : index === currentIndex ? 'current' : 'upcoming'
          return (
            <li
              class="step"
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {stepLabels[step]}
              {state === 'complete' && <span class="visually-hidden"> (done)</span>}
            </li>
          )
        })}
      </ol>
      <p class="step-count">
        Step {currentIndex + 1} of {props.steps.length}
      </p>
    </div>
  )
}
