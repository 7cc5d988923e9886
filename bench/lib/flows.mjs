// What a browser holds at the end of a Connect flow, made without the flow: a state signed for a
// new connection, its binding cookie, and a code the sandbox issued for that connection's Pelm
// user (the default `pelmUserId` is the connection id).
import { randomBytes } from 'node:crypto'
import { benchSecrets, importDist } from './workspace.mjs'

const { createStateSigner } = await importDist('server')

export const signer = createStateSigner({ secret: benchSecrets.cookieSecret })

/** A browser binding as the server mints one: 256 random bits, base64url. */
export const newBinding = () => randomBytes(32).toString('base64url')

/** A connection id as the server mints one: 128 random bits, base64url. */
export const newConnectionId = () => randomBytes(16).toString('base64url')

let flows = 0

/**
 * One finished flow of a user with no connection yet (a user of their own, and a utility login
 * of its own, so the exchange adds a connection rather than renewing one). `issueCode(pelmUserId,
 * username)` is the sandbox's, in-process or over IPC.
 */
export async function finishedFlow(issueCode) {
  const n = flows++
  const userId = `bench-user-${process.pid}-${n}`
  const binding = newBinding()
  const connectionId = newConnectionId()
  const { state } = signer.issue({ binding, userId, connectionId, reconnect: false })
  const code = await issueCode(connectionId, `login-${n}@bench.example`)
  return { userId, cookie: `pelm_binding=${binding}`, state, code }
}
