import { createFactory } from 'hono/factory'
import type { PelmUserRecord } from '../sandbox/users'

/** The Hono environment of the API: the access-token check sets the Pelm User it names. */
export type ApiEnv = { Variables: { pelmUser: PelmUserRecord } }

/** Builds the API's middleware and handlers with {@link ApiEnv} typed in. */
export const apiFactory = createFactory<ApiEnv>()
