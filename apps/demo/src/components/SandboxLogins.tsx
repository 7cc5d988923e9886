import type { SandboxLoginHint } from '../../shared/types'

/** The sandbox's test logins, for whoever tries the demo without a Pelm account. */
export function SandboxLogins({ logins }: { logins: SandboxLoginHint[] }) {
  return (
    <details className="sandbox-logins">
      <summary>Sandbox logins for the utility sign-in</summary>
      <table>
        <caption className="visually-hidden">Sandbox utility logins</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Password</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {logins.map((login) => (
            <tr key={login.username}>
              <td>
                <code>{login.username}</code>
              </td>
              <td>
                <code>{login.password}</code>
              </td>
              <td>{login.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
