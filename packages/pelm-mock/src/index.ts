export {
  createPelmMock,
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET,
  type PelmMock,
  type PelmMockOptions,
} from './create-pelm-mock'
export type { PelmErrorBody, PelmErrorCode } from './sandbox/errors'
export { DroppedConnection, FaultInjector, type FaultRule } from './sandbox/faults'
export type { RecordedRequest } from './sandbox/request-log'
export {
  CODE_TTL_MS,
  CONNECT_TOKEN_TTL_MS,
  type CodeRecord,
  type ConnectTokenRecord,
  type PelmUserRecord,
  SandboxStore,
} from './sandbox/store'
export { findUtility, type SandboxUtility, sandboxUtilities } from './sandbox/utilities'
