// The sandbox in its own process, over HTTP, so the server process measured holds only the app.
import { serveCommands } from '../lib/child.mjs'
import { importDist } from '../lib/workspace.mjs'

const { servePelmMock, sandboxUtilities } = await importDist('mock')
const sandbox = await servePelmMock({ port: 0 })
let logins = 0

serveCommands({
  /** Forgets the previous round's tokens, codes and request log (it records every request). */
  reset() {
    sandbox.reset()
    return true
  },
  /** The code the end of Connect hands back for this connect token, a utility login of its own. */
  codeFor({ connectToken }) {
    const record = sandbox.store.findConnectToken(connectToken)
    if (!record) throw new Error('the sandbox does not know this connect token')
    logins += 1
    return sandbox.store.issueCode(
      record.userId,
      sandboxUtilities[0],
      `login-${logins}@bench.example`,
    ).code
  },
})

process.send({
  type: 'ready',
  apiUrl: sandbox.apiUrl,
  connectUrl: sandbox.connectUrl,
  credentials: sandbox.credentials,
})
process.on('SIGTERM', () => sandbox.close().then(() => process.exit(0)))
