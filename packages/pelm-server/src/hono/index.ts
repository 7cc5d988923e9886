export {
  connectTokenHandler,
  EXPIRY_MARGIN_MS,
} from './connect-token-handler'
export { connectionsHandlers } from './connections-handlers'
export {
  ERROR_STATUS,
  PelmHttpError,
  type PelmHttpErrorOptions,
  type PelmRouteErrorBody,
  type PelmRouteErrorCode,
} from './errors/json-error'
export { exchangeHandler } from './exchange-handler'
export type { PelmLogEvent, PelmLogEventName, PelmLogger } from './logger'
export type {
  ConnectedEvent,
  ConnectionsHandlersOptions,
  ConnectTokenHandlerOptions,
  DisconnectedEvent,
  ExchangeHandlerOptions,
  GetUserId,
  PelmRoutesOptions,
} from './options'
export { pelmRoutes } from './routes'
export type {
  Connection,
  ConnectionStatus,
  ConnectionsResponse,
  ConnectTokenRequest,
  ConnectTokenResponse,
  ExchangeRequest,
  ExchangeResponse,
} from './wire'
