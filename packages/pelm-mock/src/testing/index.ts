export {
  type CompleteConnectOptions,
  ConnectFlowError,
  completeConnect,
} from './complete-connect'
export {
  type ConnectAction,
  type ConnectDriver,
  type ConnectDriverOptions,
  type ConnectPage,
  connectDriver,
  type FetchLike,
  handBackQuery,
} from './connect-driver'
export type { HtmlForm } from './html-form'
