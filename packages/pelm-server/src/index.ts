export {
  type ConnectToken,
  type CreateConnectTokenInput,
  createPelmClient,
  type GetIntervalsParams,
  type PelmClient,
} from './client'
export type { RetryPolicy } from './client/backoff'
export { DEFAULT_API_URL, DEFAULT_TIMEOUT_MS, type PelmClientOptions } from './client/options'
export type {
  PelmAccount,
  PelmAccountBills,
  PelmBill,
  PelmInterval,
  PelmIntervals,
  PelmMeter,
  PelmMeterType,
} from './client/responses'
export type { PelmRetryEvent } from './client/transport'
export { type BuildConnectUrlInput, buildConnectUrl, DEFAULT_CONNECT_URL } from './connect-url'
export {
  PelmAuthError,
  PelmBadRequestError,
  PelmError,
  type PelmErrorCode,
  type PelmErrorOptions,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from './errors'
export type { ReplayStore } from './replay-store'
export { type MemoryReplayStoreOptions, memoryReplayStore } from './replay-stores/memory'
export {
  type RedisReplayStoreOptions,
  type RedisSetNxClient,
  redisReplayStore,
} from './replay-stores/redis'
export { type UnstorageReplayStoreOptions, unstorageReplayStore } from './replay-stores/unstorage'
export {
  createStateSigner,
  type IssuedState,
  STATE_MAX_AGE_MS,
  StateError,
  type StateErrorCode,
  type StateSigner,
  type StateSignerOptions,
  type VerifiedState,
} from './state'
export {
  type ConnectedUtility,
  type ConnectionRecord,
  type ConnectionStore,
  ConnectionStoreError,
  parseConnectionRecord,
} from './connection-store'
export {
  type EncryptedConnectionStoreOptions,
  encryptedConnectionStore,
} from './connection-stores/encrypted'
export { decodeEncryptionKey, type EncryptionKeyInput } from './connection-stores/encryption-keys'
export { memoryConnectionStore } from './connection-stores/memory'
export {
  type UnstorageConnectionStoreOptions,
  type UnstorageLike,
  unstorageConnectionStore,
} from './connection-stores/unstorage'
