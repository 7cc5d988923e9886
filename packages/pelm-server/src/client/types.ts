import type {
  PelmAccount,
  PelmAccountBills,
  PelmIntervals,
  PelmMeterType,
  PelmUser,
} from './responses'

/** Input of {@link PelmClient.createConnectToken}. */
export interface CreateConnectTokenInput {
  /** Your id for the user, from your session on the server; never from the browser. */
  userId: string
  /** Skips the utility selection screen (Pelm's older name). */
  utilityId?: string
  /** Skips the utility selection screen (Pelm's newer name). Not together with `utilityId`. */
  utilitySlug?: string
}

/** A connect token and when it expires (Pelm: 30 minutes). */
export interface ConnectToken {
  connectToken: string
  /** Seconds of validity Pelm reported. */
  expiresIn: number
  /** `expiresIn` counted from when the request was sent, by this client's clock. */
  expiresAt: Date
}

/** Query of {@link PelmClient.getIntervals}: `meterId`, or `accountId` with `type`. */
export interface GetIntervalsParams {
  accountId?: string
  meterId?: string
  type?: PelmMeterType
  /** Default (Pelm): two months ago. A `Date` or unix seconds. */
  startDate?: Date | number
  endDate?: Date | number
}

/** The Pelm API, server side. Every method throws a `PelmError` subclass on failure. */
export interface PelmClient {
  /** `POST /auth/connect-token`; retries network errors and 502/503/504. */
  createConnectToken(input: CreateConnectTokenInput): Promise<ConnectToken>
  /** `POST /auth/token`; never retried once the request may have reached Pelm. */
  exchangeCode(code: string): Promise<{ accessToken: string }>
  /** `GET /accounts`; retries transient failures and `data_unavailable`. */
  getAccounts(accessToken: string): Promise<PelmAccount[]>
  /** `GET /bills?account_id=…`. */
  getBills(accessToken: string, params: { accountId: string }): Promise<PelmAccountBills[]>
  /** `GET /intervals?account_id=…&type=…` or `?meter_id=…`. */
  getIntervals(accessToken: string, params: GetIntervalsParams): Promise<PelmIntervals>
  /**
   * `GET /users/{user_id}`: the utility login behind an access token, and whether Pelm can still
   * use it (`credentialsValid`). Retries transient failures.
   */
  getUser(pelmUserId: string, accessToken: string): Promise<PelmUser>
  /**
   * Deletes the User at Pelm (`DELETE /users/{user_id}`, path set by `deleteUserPath`), so Pelm
   * stops holding the person's utility credentials; its access tokens stop working. Idempotent at
   * Pelm, so transient failures are retried; a 404 rejects as `PelmBadRequestError` with status 404.
   */
  deleteUser(pelmUserId: string, accessToken: string): Promise<void>
}
