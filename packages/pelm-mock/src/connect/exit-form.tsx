/** @jsxImportSource hono/jsx */
/** The Exit control of every screen: a plain form post, so it works without JavaScript. */
export function ExitForm(props: { action: string }) {
  return (
    <form method="post" action={props.action} class="exit">
      <button type="submit" class="button button-secondary">
        Exit
      </button>
    </form>
  )
}
