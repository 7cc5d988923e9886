/** A spinning ring; pair it with visible text (it is hidden from assistive technology). */
export function Spinner({ large = false }: { large?: boolean }) {
  return <span className={large ? 'spinner spinner-large' : 'spinner'} aria-hidden="true" />
}
