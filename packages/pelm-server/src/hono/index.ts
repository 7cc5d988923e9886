export {
  type ConnectTokenResponse,
  connectTokenHandler,
  EXPIRY_MARGIN_MS,
} from './connect-token-handler'
export {
  type ConnectionStatus,
  connectionHandlers,
} from './connection-handlers'
export {
  ERROR_STATUS,
  type PelmErrorBody,
  PelmHttpError,
  type PelmRouteErrorCode,
} from './errors/json-error'
export { exchangeHandler } from './exchange-handler'
export type { PelmLogEvent, PelmLogEventName, PelmLogger } from './logger'
export type {
  ConnectionHandlersOptions,
  ConnectTokenHandlerOptions,
  ExchangeHandlerOptions,
  GetUserId,
  PelmRoutesOptions,
} from './options'
export { pelmRoutes } from './routes'
