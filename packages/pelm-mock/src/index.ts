export type { PelmApiDeletedUser, PelmApiUser } from './api/user-body'
export {
  createPelmMock,
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET,
  type PelmMock,
  type PelmMockOptions,
} from './create-pelm-mock'
export type { PelmApiErrorBody, PelmApiErrorCode } from './sandbox/errors'
export { DroppedConnection, FaultInjector, type FaultRule } from './sandbox/faults'
export {
  findSandboxLogin,
  MAX_LOGIN_ATTEMPTS,
  SANDBOX_MFA_CODE,
  type SandboxLogin,
  type SandboxLoginOutcome,
  sandboxLogins,
} from './sandbox/logins'
export type { RecordedRequest } from './sandbox/request-log'
export type { Retention } from './sandbox/retention'
export {
  type MeterType,
  type PelmAccount,
  type PelmBill,
  type PelmInterval,
  type PelmMeter,
  sampleAccounts,
  sampleBills,
  sampleIntervals,
} from './sandbox/sample-data'
export {
  PELM_MOCK_STATE_VERSION,
  type PelmMockState,
  PelmMockStateError,
  type PelmMockStateUser,
} from './sandbox/state'
export {
  CODE_TTL_MS,
  CONNECT_TOKEN_TTL_MS,
  type CodeRecord,
  type ConnectTokenRecord,
  SandboxStore,
  type SandboxStoreOptions,
} from './sandbox/store'
export type { PelmUserRecord } from './sandbox/users'
export { findUtility, type SandboxUtility, sandboxUtilities } from './sandbox/utilities'
export { type ServedPelmMock, type ServePelmMockOptions, servePelmMock } from './serve'
export { openStateFile, type PelmMockStateFile } from './state-file'
