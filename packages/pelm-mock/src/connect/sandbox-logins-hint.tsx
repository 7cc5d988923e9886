/** @jsxImportSource hono/jsx */
import { sandboxLogins } from '../sandbox/logins'

/** Lists the sandbox logins under the credentials form, so nobody has to look them up. */
export function SandboxLoginsHint() {
  return (
    <aside class="notice" aria-labelledby="sandbox-logins-title">
      <h2 id="sandbox-logins-title">Sandbox logins</h2>
      <dl>
        {sandboxLogins.map((login) => (
          <div>
            <dt>
              {login.username} / {login.password}
            </dt>
            <dd>{login.description}</dd>
          </div>
        ))}
      </dl>
    </aside>
  )
}
