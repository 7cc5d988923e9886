// Taking states and binding cookies apart, to forge and alter them.

/** The six parts of a state: `2.<nonce>.<connection id>.<expiry>.<flow>.<MAC>`. */
export interface StateParts {
  version: string
  nonce: string
  connectionId: string
  expiry: string
  flow: string
  mac: string
}

export function stateParts(state: string): StateParts {
  const [version = '', nonce = '', connectionId = '', expiry = '', flow = '', mac = ''] =
    state.split('.')
  return { version, nonce, connectionId, expiry, flow, mac }
}

/** The state with some of its parts replaced (its MAC kept unless replaced too). */
export function withParts(state: string, changes: Partial<StateParts>): string {
  const parts = { ...stateParts(state), ...changes }
  return [parts.version, parts.nonce, parts.connectionId, parts.expiry, parts.flow, parts.mac].join(
    '.',
  )
}

/** Replaces one character of `text` at `index` with a different base64url character. */
export const flip = (text: string, index: number) =>
  text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1)

/** The value of a `pelm_binding=…` cookie pair. */
export const bindingOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1)

/** A random value of the binding's form (256 bits, base64url), as a forger would make one. */
export const randomBinding = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')

/** A random value of a connection id's form (128 bits, base64url). */
export const randomConnectionId = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')
