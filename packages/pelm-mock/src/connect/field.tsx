/** @jsxImportSource hono/jsx */
import type { FieldError } from './flow'

export const errorIdFor = (name: string) => `${name}-error`

/** An inline error: announced when it appears, and named by its input's aria-describedby. */
export function FieldErrorMessage(props: { name: string; error: FieldError | undefined }) {
  if (!props.error) return null
  return (
    <p
      id={errorIdFor(props.name)}
      class="field-error"
      role="alert"
      data-error-code={props.error.code}
    >
      {props.error.message}
    </p>
  )
}

/** The attributes that tie an input (or fieldset) to its error. */
export function errorAttributes(name: string, error: FieldError | undefined) {
  return error ? { 'aria-invalid': 'true', 'aria-describedby': errorIdFor(name) } : {}
}

export interface TextFieldProps {
  name: string
  label: string
  type?: 'text' | 'password' | 'search'
  value?: string
  error?: FieldError | undefined
  autocomplete?: string
  inputmode?: 'text' | 'numeric'
}

/** A labelled text input with its inline error. */
export function TextField({ name, label, type = 'text', error, ...input }: TextFieldProps) {
  const id = `field-${name}`
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} {...input} {...errorAttributes(name, error)} />
      <FieldErrorMessage name={name} error={error} />
    </div>
  )
}
