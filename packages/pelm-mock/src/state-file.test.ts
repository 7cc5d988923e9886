import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { utility } from '../test/api-sandbox'
import { createPelmMock } from './create-pelm-mock'
import { PelmMockStateError } from './sandbox/state'
import { openStateFile } from './state-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelm-mock-state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Connects `userId` as a finished Connect flow and its exchange would; gives the access token. */
function connect(mock: ReturnType<typeof createPelmMock>, userId: string): string {
  const redeemed = mock.store.redeemCode(mock.store.issueCode(userId, utility('pge')).code)
  if (!redeemed.ok) throw new Error(`could not connect ${userId}`)
  return redeemed.accessToken
}

describe('openStateFile', () => {
  it('holds the last state after a burst of changes, whole, and leaves no temporary file', async () => {
    // The 0.2 README's recipe (writeFile in onChange) left invalid JSON here, 200 runs in 200.
    const path = join(dir, 'sandbox.json')
    const file = await openStateFile(path)
    const mock = createPelmMock({ state: file.state, onChange: file.save })
    for (const userId of ['a', 'b', 'c']) connect(mock, userId)
    mock.store.deleteUser('a')
    mock.store.deleteUser('b')
    await file.saved()
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(mock.exportState())
    expect(await readdir(dir)).toEqual(['sandbox.json'])
  })

  it('never lets a reader see a half-written file', async () => {
    const path = join(dir, 'sandbox.json')
    const file = await openStateFile(path)
    const mock = createPelmMock({ onChange: file.save })
    for (let index = 0; index < 300; index++) connect(mock, `user-${index}`)
    let writing = true
    const reader = (async () => {
      let reads = 0
      while (writing || reads === 0) {
        const text = await readFile(path, 'utf8').catch(() => undefined)
        if (text !== undefined) {
          expect(() => JSON.parse(text), `read ${reads}`).not.toThrow()
          reads++
        }
      }
      return reads
    })()
    for (let round = 0; round < 30; round++) {
      mock.store.deleteUser(`user-${round}`)
      connect(mock, `user-${round}`)
    }
    await file.saved()
    writing = false
    expect(await reader).toBeGreaterThan(0)
  })

  it('starts empty without a file, creates its folder on the first save, and gives a restart its Users', async () => {
    const path = join(dir, 'data', 'sandbox.json')
    const first = await openStateFile(path)
    expect(first.state).toBeUndefined()
    const token = connect(createPelmMock({ onChange: first.save }), 'conn-1')
    await first.saved()

    const again = await openStateFile(path)
    const restarted = createPelmMock({ state: again.state })
    expect(restarted.store.findByAccessToken(token)?.userId).toBe('conn-1')
  })

  it.each([
    ['an empty file', '', /sandbox\.json is not a saved sandbox state \(it is empty\)/],
    ['a file that is not JSON', '{"version":1,', /sandbox\.json is not a saved sandbox state/],
    ['JSON of something else', '{"hello":"world"}', /sandbox\.json: state\.version must be 1/],
    ['a damaged state', '{"version":1,"users":[{}]}', /sandbox\.json: state\.users\[0\]/],
  ])('refuses %s with an error naming it, and leaves it as it was', async (_, text, message) => {
    const path = join(dir, 'sandbox.json')
    await writeFile(path, text)
    const opened = openStateFile(path)
    await expect(opened).rejects.toThrow(PelmMockStateError)
    await expect(opened).rejects.toThrow(message)
    expect(await readFile(path, 'utf8')).toBe(text)
  })

  it('goes on saving after a failed write, and saved() reports the failure', async () => {
    const blocker = join(dir, 'blocker')
    const file = await openStateFile(join(blocker, 'sandbox.json'))
    await writeFile(blocker, 'a file where the folder should be')
    const mock = createPelmMock()
    await expect(file.save(mock.exportState())).rejects.toThrow()
    await expect(file.saved()).rejects.toThrow()
    await rm(blocker)
    connect(mock, 'conn-1')
    await file.save(mock.exportState())
    expect(JSON.parse(await readFile(join(blocker, 'sandbox.json'), 'utf8'))).toEqual(
      mock.exportState(),
    )
  })
})
