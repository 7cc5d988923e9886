/** Whether `error` is a Node system error with this `code` (`ENOENT`, `EEXIST`, …). Internal. */
export const hasErrorCode = (error: unknown, code: string): boolean =>
  error instanceof Error && 'code' in error && error.code === code
