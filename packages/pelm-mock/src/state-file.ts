import { hasErrorCode } from './errno'
import { parseState } from './sandbox/parse-state'
import { type PelmMockState, PelmMockStateError, toState } from './sandbox/state'

/**
 * A file that keeps a sandbox's Users and access tokens across restarts: what
 * {@link openStateFile} gives.
 *
 * @example
 * ```ts
 * import { createPelmMock, openStateFile, type PelmMockStateFile } from '@acme/pelm-mock'
 *
 * const file: PelmMockStateFile = await openStateFile('data/sandbox.json')
 * const mock = createPelmMock({ state: file.state, onChange: file.save })
 * ```
 */
export interface PelmMockStateFile {
  /** The path it was opened with. */
  path: string
  /** The saved state (checked), or `undefined` when the file does not exist yet. */
  state: PelmMockState | undefined
  /**
   * Writes a state, after the ones before it: each to a temporary file in the same folder, then
   * renamed over the file, so the file always holds one whole state (the folder is created when
   * missing). Pass it as `onChange`.
   */
  save(state: PelmMockState): Promise<void>
  /** Resolves once every state given to `save` so far is written, or rejects with the last failure. */
  saved(): Promise<void>
}

/**
 * Opens a sandbox state file (Node): reads the state saved there, if any, and writes each new
 * one whole and in order. A missing file starts empty; a file that is empty, not JSON, or not a
 * sandbox state throws a {@link PelmMockStateError} that names it, and is left as it is (move it
 * away to start empty). One process per file: two sandboxes saving to one file overwrite each
 * other's Users.
 *
 * @example
 * ```ts
 * import { createPelmMock, openStateFile } from '@acme/pelm-mock'
 *
 * const file = await openStateFile('data/sandbox.json')
 * const mock = createPelmMock({ state: file.state, onChange: file.save })
 * process.on('SIGTERM', () => void file.saved().finally(() => process.exit(0)))
 * ```
 */
export async function openStateFile(path: string): Promise<PelmMockStateFile> {
  const { mkdir, readFile, rename, rm, writeFile } = await import('node:fs/promises')
  const { basename, dirname, join } = await import('node:path')
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if (hasErrorCode(error, 'ENOENT')) return undefined
    throw error
  })
  const state = text === undefined ? undefined : readState(path, text)

  let temporaryFiles = 0
  const write = async (next: PelmMockState) => {
    const temporary = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${temporaryFiles++}.tmp`,
    )
    await mkdir(dirname(path), { recursive: true })
    try {
      await writeFile(temporary, JSON.stringify(next))
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }
  let last: Promise<void> = Promise.resolve()
  return {
    path,
    state,
    save(next) {
      last = last.catch(() => {}).then(() => write(next))
      return last
    },
    saved: () => last,
  }
}

/** The state in a file's text, checked; a {@link PelmMockStateError} naming the file otherwise. */
function readState(path: string, text: string): PelmMockState {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = text.trim() === '' ? 'it is empty' : String(error)
    throw new PelmMockStateError(
      `${path} is not a saved sandbox state (${reason}); move it away to start empty.`,
    )
  }
  try {
    return toState(parseState(value))
  } catch (error) {
    if (!(error instanceof PelmMockStateError)) throw error
    throw new PelmMockStateError(`${path}: ${error.message} Move it away to start empty.`)
  }
}
