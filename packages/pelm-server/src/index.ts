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
  parseTokenRecord,
  type TokenRecord,
  type TokenStore,
  TokenStoreError,
} from './token-store'
export { type EncryptedTokenStoreOptions, encryptedTokenStore } from './token-stores/encrypted'
export type { EncryptionKeyInput } from './token-stores/encryption-keys'
export { memoryTokenStore } from './token-stores/memory'
export {
  type UnstorageLike,
  type UnstorageTokenStoreOptions,
  unstorageTokenStore,
} from './token-stores/unstorage'
