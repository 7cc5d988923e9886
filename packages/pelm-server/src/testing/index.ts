export {
  type ConnectionStoreContractOptions,
  connectionStoreContract,
} from './connection-store-contract'
export { type RateLimiterContractOptions, rateLimiterContract } from './rate-limiter-contract'
export { type ReplayStoreContractOptions, replayStoreContract } from './replay-store-contract'
export type { ContractTestApi } from './test-api'
