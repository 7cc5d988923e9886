import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../harness/app'
import { type Attempt, attackOutcomes, failures } from '../harness/attack'
import { flip, randomConnectionId, stateParts, withParts } from '../harness/states'
import { record } from '../harness/tally'

// Connection ids are opaque (128 random bits), minted by the server, and scoped by the session
// user: an id that is not one of the signed-in user's connections gets the same answer whether it
// is someone else's or does not exist (404 `connection_not_found` on the routes, 403
// `state_mismatch` inside a state, whose MAC covers the id), and nothing reaches Pelm: no connect
// token for someone else's Pelm user, no Delete user.

const GUESSES = 20

/** Ids of the wrong shape: each is refused, and none reaches Pelm. */
const malformed: [string, string][] = [
  ['empty', ''],
  ['65 characters', 'a'.repeat(65)],
  ['201 characters', 'a'.repeat(201)],
  ['17,000 characters', 'a'.repeat(17_000)],
  ['../', '../'],
  ['../ twice', '../../connections'],
  ['%00', '%00'],
  ['NUL', '\u0000'],
  ['a dot', 'a.b'],
  ['a space', ' '],
  ['unicode', '\u00e9l\u00e9ctricit\u00e9'],
  ['emoji', '\u{1f50c}'],
  ['right-to-left mark', `${'a'.repeat(21)}\u200f`],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['hasOwnProperty', 'hasOwnProperty'],
]

interface Scene {
  h: Harness
  /** Alice's two connections and mallory's one. */
  alice: string[]
  mallory: string
}

async function scene(): Promise<Scene> {
  const h = createHarness()
  const alice = [(await h.connection('alice')).id, (await h.connection('alice')).id]
  const mallory = (await h.connection('mallory')).id
  return { h, alice, mallory }
}

/** Ids mallory may aim at: alice's (someone else's) and random ones (guessed, none exists). */
function foreignIds({ alice }: Scene) {
  return [
    ...alice.map((id, index) => [`alice’s connection #${index + 1}`, id] as const),
    ['alice’s id with one character changed', flip(alice[0] ?? '', 4)] as const,
    ...Array.from(
      { length: GUESSES },
      (_, index) => [`guess #${index + 1}`, randomConnectionId()] as const,
    ),
  ]
}

/**
 * Runs the attempts, records the group's figure (distinct answers among the `same` attempts) and
 * answers the outcomes, the distinct answers and the requests that reached Pelm.
 */
async function idAttack(h: Harness, name: string, attempts: (Attempt & { same?: boolean })[]) {
  const before = h.upstreamTotal()
  const outcomes = await attackOutcomes(
    h,
    name,
    attempts.map((attempt) => ({ ...attempt, noUpstream: true })),
    { recorded: false },
  )
  const answers = new Set(
    outcomes.filter((_, index) => attempts[index]?.same).map((outcome) => outcome.answer),
  )
  const upstreamCalls = h.upstreamTotal() - before
  record({
    category: 'connection id',
    name,
    tried: outcomes.length,
    rejected: outcomes.filter((outcome) => outcome.rejected).length,
    distinctAnswers: answers.size,
    upstreamCalls,
  })
  return { failed: failures(outcomes), answers: [...answers], upstreamCalls }
}

/** Alice's records are exactly as they were: same ids, same tokens, all still valid at Pelm. */
async function untouched(s: Scene, before: string[]) {
  const records = await s.h.store.list('alice')
  return (
    JSON.stringify(records.map((record) => `${record.id}:${record.accessToken}`).sort()) ===
      JSON.stringify(before) &&
    records.every(
      (record) =>
        s.h.mock.store.findByAccessToken(record.accessToken)?.userId === record.pelmUserId,
    )
  )
}

const snapshot = async (s: Scene) =>
  (await s.h.store.list('alice')).map((record) => `${record.id}:${record.accessToken}`).sort()

describe('attacks on connection ids', () => {
  it('POST /connect-token { connectionId }: someone else’s or unknown → the same 404, no connect token', async () => {
    const s = await scene()
    const before = await snapshot(s)
    const reconnect = (label: string, id: string, same: boolean) => ({
      label,
      same,
      send: () =>
        s.h.request('POST', '/connect-token', { user: 'mallory', body: { connectionId: id } }),
      code: same ? 'connection_not_found' : undefined,
    })
    const { failed, answers, upstreamCalls } = await idAttack(
      s.h,
      'reconnect: another user’s or a guessed id',
      [
        ...foreignIds(s).map(([label, id]) => reconnect(label, id, true)),
        ...malformed.map(([label, id]) => reconnect(`malformed: ${label}`, id, false)),
      ],
    )
    expect(failed).toEqual([])
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatch(/^404 application\/json .*"connection_not_found"/)
    expect(upstreamCalls).toBe(0)
    expect(await untouched(s, before)).toBe(true)
    // Her own id still works for her.
    const own = await s.h.request('POST', '/connect-token', {
      user: 'mallory',
      body: { connectionId: s.mallory },
    })
    expect(own.status).toBe(200)
  })

  it('DELETE /connections/:id: someone else’s or unknown → the same 404, no Delete user at Pelm', async () => {
    const s = await scene()
    const before = await snapshot(s)
    const remove = (label: string, path: string, same: boolean): Attempt & { same: boolean } => ({
      label,
      same,
      send: () => s.h.request('DELETE', `/connections/${path}`, { user: 'mallory' }),
      code: same ? 'connection_not_found' : undefined,
    })
    const { failed, answers, upstreamCalls } = await idAttack(
      s.h,
      'disconnect: another user’s or a guessed id',
      [
        ...foreignIds(s).map(([label, id]) => remove(label, id, true)),
        ...malformed.map(([label, id]) =>
          remove(`malformed: ${label}`, encodeURIComponent(id), false),
        ),
        remove('raw ../ in the path', '../connections', false),
        remove('%2e%2e%2f in the path', '%2e%2e%2f', false),
        remove('a second segment', `${s.alice[0]}/x`, false),
        remove('alice’s id as a query', `?id=${s.alice[0]}`, false),
      ],
    )
    expect(failed).toEqual([])
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatch(/^404 application\/json .*"connection_not_found"/)
    expect(upstreamCalls).toBe(0)
    expect(s.h.upstreamCalls('DELETE', '/users/')).toBe(0)
    expect(await untouched(s, before)).toBe(true)
  })

  it('a state carrying someone else’s or an unknown connection id → the same 403, no code exchanged', async () => {
    const s = await scene()
    const before = await snapshot(s)
    const [aliceId = ''] = s.alice
    // Alice reconnects her first connection; her state (and even her binding cookie) reach mallory.
    const alices = await s.h.flow('alice', { body: { connectionId: aliceId } })
    expect(stateParts(alices.state).connectionId).toBe(aliceId)
    // Mallory's own flows: a new connection, and a reconnect of hers.
    const fresh = await s.h.flow('mallory')
    const hers = await s.h.flow('mallory', { body: { connectionId: s.mallory } })
    const send = (state: string, cookie: string, code: string) => () =>
      s.h.exchange('mallory', { code, state }, cookie)
    const attempt = (label: string, run: () => Promise<Response>) => ({
      label,
      same: true,
      send: run,
      code: 'state_mismatch',
    })
    const { failed, answers, upstreamCalls } = await idAttack(
      s.h,
      'states naming another user’s or an unknown id',
      [
        attempt(
          'alice’s reconnect state with her binding, in mallory’s session',
          send(alices.state, alices.cookie, alices.code),
        ),
        attempt(
          'alice’s reconnect state with mallory’s binding',
          send(alices.state, fresh.cookie, fresh.code),
        ),
        attempt(
          'mallory’s new-connection state, its id replaced by alice’s',
          send(withParts(fresh.state, { connectionId: aliceId }), fresh.cookie, fresh.code),
        ),
        attempt(
          'mallory’s new-connection state turned into a reconnect of alice’s',
          send(
            withParts(fresh.state, { connectionId: aliceId, flow: 'r' }),
            fresh.cookie,
            fresh.code,
          ),
        ),
        attempt(
          'mallory’s reconnect state, its id replaced by alice’s',
          send(withParts(hers.state, { connectionId: aliceId }), hers.cookie, hers.code),
        ),
        ...Array.from({ length: 5 }, (_, index) =>
          attempt(
            `mallory’s state, its id replaced by a guess #${index + 1}`,
            send(
              withParts(fresh.state, { connectionId: randomConnectionId() }),
              fresh.cookie,
              fresh.code,
            ),
          ),
        ),
      ],
    )
    expect(failed).toEqual([])
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatch(/^403 application\/json .*"state_mismatch"/)
    expect(upstreamCalls).toBe(0)
    expect(await untouched(s, before)).toBe(true)
    expect((await s.h.store.list('mallory')).map((record) => record.id)).toEqual([s.mallory])
    // Nothing was spent: alice's reconnect still finishes, for her.
    const done = await s.h.exchange(
      'alice',
      { code: alices.code, state: alices.state },
      alices.cookie,
    )
    expect(done.status).toBe(200)
  })

  it('lists only the signed-in user’s connections, whatever the request names', async () => {
    const s = await scene()
    const checks = []
    const before = s.h.upstreamTotal()
    for (const query of ['', `?id=${s.alice[0]}`, `?userId=alice`, `?connectionId=${s.alice[0]}`]) {
      const response = await s.h.request('GET', `/connections${query}`, {
        user: 'mallory',
        headers: { 'x-user-id': 'alice' },
      })
      const body = (await response.json()) as { connections: { id: string }[] }
      checks.push(body.connections.map((connection) => connection.id).join() === s.mallory)
    }
    record({
      category: 'connection id',
      name: 'list: another user’s id in the query or headers',
      tried: checks.length,
      rejected: checks.filter(Boolean).length,
      distinctAnswers: 1,
      upstreamCalls: s.h.upstreamTotal() - before,
    })
    expect(checks.every(Boolean)).toBe(true)
  })
})
