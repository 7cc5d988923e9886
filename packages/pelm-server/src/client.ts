import { type PelmClientOptions, resolveClientOptions } from './client/options'
import {
  accessTokenResponse,
  accountsResponse,
  billsResponse,
  connectTokenResponse,
  intervalsResponse,
  readResponse,
  userResponse,
} from './client/responses'
import { send } from './client/transport'
import type { PelmClient } from './client/types'

export type {
  ConnectToken,
  CreateConnectTokenInput,
  GetIntervalsParams,
  PelmClient,
} from './client/types'

const unixSeconds = (value: Date | number | undefined) =>
  value === undefined
    ? undefined
    : String(value instanceof Date ? Math.floor(value.getTime() / 1000) : Math.floor(value))

function requireArgument(value: unknown, name: string, method: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`PelmClient.${method}: ${name} must be a non-empty string.`)
  }
  return value
}

/**
 * Creates a Pelm API client. It speaks only Web `fetch`, so it runs on Node, Bun, Deno, Workers.
 * Answers are read as `unknown` and checked before use.
 *
 * @example
 * ```ts
 * import { createPelmClient } from '@acme/pelm-server'
 *
 * const pelm = createPelmClient({
 *   clientId: process.env.PELM_CLIENT_ID!,
 *   secret: process.env.PELM_SECRET!,
 * })
 * const { connectToken } = await pelm.createConnectToken({ userId: session.userId })
 * const { accessToken } = await pelm.exchangeCode(code)
 * const accounts = await pelm.getAccounts(accessToken)
 * const user = await pelm.getUser(pelmUserId, accessToken) // { utility, credentialsValid, … }
 * await pelm.deleteUser(pelmUserId, accessToken) // disconnect: Pelm forgets the login
 * ```
 */
export function createPelmClient(options: PelmClientOptions): PelmClient {
  const { transport, connectTokenPath, deleteUserPath, now } = resolveClientOptions(options)

  const getData = async (
    accessToken: string,
    path: string,
    query: Record<string, string | undefined>,
  ) =>
    send(transport, {
      method: 'GET',
      path,
      query,
      accessToken: requireArgument(accessToken, 'accessToken', `GET ${path}`),
      retry: 'transient',
      retryDataUnavailable: true,
    })

  return {
    async createConnectToken(input) {
      const userId = requireArgument(input?.userId, 'userId', 'createConnectToken')
      if (input.utilityId !== undefined && input.utilitySlug !== undefined) {
        throw new TypeError(
          'PelmClient.createConnectToken: pass utilityId or utilitySlug, not both.',
        )
      }
      const sentAt = now()
      const body = await send(transport, {
        method: 'POST',
        path: connectTokenPath,
        form: { user_id: userId, utility_id: input.utilityId, utility_slug: input.utilitySlug },
        retry: 'transient',
      })
      const answer = readResponse(connectTokenResponse, body, `POST ${connectTokenPath}`)
      const expiresIn = answer.expires_in ?? 1800
      return {
        connectToken: answer.connect_token,
        expiresIn,
        expiresAt: new Date(sentAt + expiresIn * 1000),
      }
    },

    async exchangeCode(code) {
      const body = await send(transport, {
        method: 'POST',
        path: '/auth/token',
        form: { code: requireArgument(code, 'code', 'exchangeCode'), grant_type: 'code' },
        retry: 'unsent',
      })
      return {
        accessToken: readResponse(accessTokenResponse, body, 'POST /auth/token').access_token,
      }
    },

    async getAccounts(accessToken) {
      return readResponse(
        accountsResponse,
        await getData(accessToken, '/accounts', {}),
        'GET /accounts',
      )
    },

    async getBills(accessToken, params) {
      const accountId = requireArgument(params?.accountId, 'accountId', 'getBills')
      const body = await getData(accessToken, '/bills', { account_id: accountId })
      return readResponse(billsResponse, body, 'GET /bills')
    },

    async getIntervals(accessToken, params) {
      if (!params?.meterId && !(params?.accountId && params.type)) {
        throw new TypeError('PelmClient.getIntervals: pass meterId, or accountId with type.')
      }
      const body = await getData(accessToken, '/intervals', {
        account_id: params.accountId,
        meter_id: params.meterId,
        type: params.type,
        start_date: unixSeconds(params.startDate),
        end_date: unixSeconds(params.endDate),
      })
      return readResponse(intervalsResponse, body, 'GET /intervals')
    },
    async getUser(pelmUserId, accessToken) {
      const id = encodeURIComponent(requireArgument(pelmUserId, 'pelmUserId', 'getUser'))
      const body = await send(transport, {
        method: 'GET',
        path: `/users/${id}`,
        label: 'GET /users/{user_id}',
        accessToken: requireArgument(accessToken, 'accessToken', 'getUser'),
        retry: 'transient',
      })
      return readResponse(userResponse, body, 'GET /users/{user_id}')
    },
    async deleteUser(pelmUserId, accessToken) {
      const id = encodeURIComponent(requireArgument(pelmUserId, 'pelmUserId', 'deleteUser'))
      await send(transport, {
        method: 'DELETE',
        path: deleteUserPath.replaceAll('{user_id}', id),
        label: `DELETE ${deleteUserPath}`,
        accessToken: requireArgument(accessToken, 'accessToken', 'deleteUser'),
        retry: 'transient',
        expect: 'none',
      })
    },
  }
}
