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
  PelmUser,
} from './client/responses'
export type { PelmRetryEvent } from './client/transport'
export { type BuildConnectUrlInput, buildConnectUrl, DEFAULT_CONNECT_URL } from './connect-url'
export {
  type ConnectedUtility,
  type ConnectionRecord,
  type ConnectionStatus,
  type ConnectionStore,
  ConnectionStoreError,
  mintConnectionId,
  parseConnectionRecord,
  statusOf,
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
export {
  isLoginGone,
  PelmAuthError,
  PelmBadRequestError,
  type PelmClientErrorCode,
  PelmError,
  type PelmErrorOptions,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from './errors'
export {
  type ConnectionDeletedEvent,
  type ConnectionRenewedEvent,
  type ConnectionStatusChangedEvent,
  type ConnectTokenCreatedEvent,
  type ExchangeFailedEvent,
  type ExchangeSucceededEvent,
  PELM_EVENT_TYPES,
  type PelmEvent,
  type PelmEventHandler,
  type PelmEventOf,
  type PelmEventType,
  type RateLimitedEvent,
} from './events'
export {
  DEFAULT_RATE_LIMITS,
  type RateLimit,
  type RateLimiter,
  type RateLimitResult,
  rateLimitSchema,
} from './rate-limit'
export { type MemoryRateLimiterOptions, memoryRateLimiter } from './rate-limiters/memory'
export {
  type RedisEvalClient,
  type RedisRateLimiterOptions,
  redisRateLimiter,
} from './rate-limiters/redis'
export { type UnstorageRateLimiterOptions, unstorageRateLimiter } from './rate-limiters/unstorage'
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
  isBrowserBinding,
  newBrowserBinding,
  STATE_MAX_AGE_MS,
  type StateClaims,
  StateError,
  type StateErrorCode,
  type StateSigner,
  type StateSignerOptions,
  type StateUtility,
  type VerifiedState,
} from './state'
