import { join } from 'node:path'

/** Where each test file writes its tally (gitignored); `report.mjs` reads it. */
export const resultsDir = join(import.meta.dirname, '..', '.results')
