import { readdirSync, statSync } from 'node:fs'
import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { atomicFsDriver } from './atomic-fs-driver'
import { tempDir } from './test-support'

/** Writes of one key, long and short ones interleaved, as a status check and a renewal do. */
async function raceOneKey(storage: ReturnType<typeof createStorage>) {
  const long = { text: 'x'.repeat(5000) }
  const short = { text: 'y' }
  await Promise.all(
    Array.from({ length: 60 }, (_, index) =>
      storage.setItem('connections:a:b', index % 2 ? long : short),
    ),
  )
  return storage.getItem('connections:a:b')
}

describe('the atomic fs driver', () => {
  it('never leaves a broken record when writes of one key overlap', async () => {
    const dir = tempDir()
    const storage = createStorage({
      driver: atomicFsDriver({ base: `${dir}/store`, tmpDir: `${dir}/tmp` }),
    })
    for (let round = 0; round < 5; round++) {
      expect(typeof (await raceOneKey(storage))).toBe('object')
    }
    expect(await storage.getKeys()).toEqual(['connections:a:b'])
  })

  it('replaces the file by a rename (a reader never sees a half-written one)', async () => {
    const dir = tempDir()
    const storage = createStorage({
      driver: atomicFsDriver({ base: `${dir}/store`, tmpDir: `${dir}/tmp` }),
    })
    await storage.setItem('a:b', { n: 1 })
    const before = statSync(`${dir}/store/a/b`).ino
    await storage.setItem('a:b', { n: 2 })
    expect(statSync(`${dir}/store/a/b`).ino).not.toBe(before)
    expect(readdirSync(`${dir}/tmp`)).toEqual([])
  })
})
