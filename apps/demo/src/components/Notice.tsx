import type { ReactNode } from 'react'
import { Icon, type IconName } from './Icon'

type Tone = 'info' | 'success' | 'warning' | 'error'

const icons: Record<Tone, IconName> = {
  info: 'info',
  success: 'check',
  warning: 'clock',
  error: 'alert',
}

/**
 * A message block. Errors are `role="alert"` (read at once); the rest `role="status"`.
 */
export function Notice(props: {
  tone: Tone
  title: string
  children?: ReactNode
  actions?: ReactNode
}) {
  return (
    <div
      className={`notice notice-${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
    >
      <Icon name={icons[props.tone]} className="notice-icon" />
      <div className="notice-body">
        <p className="notice-title">{props.title}</p>
        {props.children && <div className="notice-text">{props.children}</div>}
        {props.actions && <div className="notice-actions">{props.actions}</div>}
      </div>
    </div>
  )
}
