// The sandbox in its own process, over HTTP, so the server process measured holds only the app.
import { serveCommands } from '../lib/child.mjs'
import { importDist } from '../lib/workspace.mjs'

const { servePelmMock, sandboxUtilities } = await importDist('mock')
const sandbox = await servePelmMock({ port: 0 })

serveCommands({
  /** Forgets the previous round's tokens, codes and request log (it records every request). */
  reset() {
    sandbox.reset()
    return true
  },
  /** Codes as the end of a Connect flow would hand them back, one per user id given. */
  issueCodes({ userIds }) {
    return userIds.map((userId) => sandbox.store.issueCode(userId, sandboxUtilities[0]).code)
  },
})

process.send({
  type: 'ready',
  apiUrl: sandbox.apiUrl,
  connectUrl: sandbox.connectUrl,
  credentials: sandbox.credentials,
})
process.on('SIGTERM', () => sandbox.close().then(() => process.exit(0)))
