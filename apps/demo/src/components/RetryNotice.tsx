import type { PelmConnectError } from '@acme/pelm-react'
import { describeError } from '../messages'
import { Notice } from './Notice'

/** A failed request in words, with a "Try again" button that runs it again. */
export function RetryNotice(props: {
  title: string
  error: PelmConnectError
  onRetry: () => void
}) {
  return (
    <Notice
      tone="error"
      title={props.title}
      actions={
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={props.onRetry}
        >
          Try again
        </button>
      }
    >
      {describeError(props.error)}
    </Notice>
  )
}
