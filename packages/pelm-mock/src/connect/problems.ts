import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** What an error page says; none of them offers a way back to `redirect_uri`. */
export interface Problem {
  status: ContentfulStatusCode
  /** Shown to developers on the page, in Pelm's error-code vocabulary where one fits. */
  code: string
  title: string
  message: string
}

const problem = (
  status: ContentfulStatusCode,
  code: string,
  title: string,
  message: string,
): Problem => ({ status, code, title, message })

/** Every error page of the hosted Connect flow. */
export const problems = {
  connectTokenMissing: problem(
    400,
    'parameter_missing',
    'This link is incomplete',
    'The link to Pelm Connect has no connect_token. Go back to the app and start connecting again.',
  ),
  connectTokenUnknown: problem(
    400,
    'token_invalid',
    'This link is not valid',
    'The connect_token in this link is not one Pelm issued. Go back to the app and start connecting again.',
  ),
  connectTokenExpired: problem(
    410,
    'token_invalid',
    'This link has expired',
    'Connect links are valid for 30 minutes. Go back to the app and start connecting again.',
  ),
  redirectUriMissing: problem(
    400,
    'parameter_missing',
    'This link is incomplete',
    'The link to Pelm Connect has no redirect_uri, so there is no app to return to.',
  ),
  redirectUriInvalid: problem(
    400,
    'parameter_invalid',
    'This link is not valid',
    'The redirect_uri in this link must be an absolute http or https URL without a fragment, spaces or control characters.',
  ),
  sessionUnknown: problem(
    404,
    'not_found',
    'This page is no longer available',
    'This connection was finished, cancelled or never started. Go back to the app and start connecting again.',
  ),
  sessionExpired: problem(
    410,
    'token_invalid',
    'Your session has expired',
    'Connect sessions last 30 minutes. Go back to the app and start connecting again.',
  ),
  pageNotFound: problem(404, 'not_found', 'Page not found', 'There is no Pelm Connect page here.'),
  crossSiteForm: problem(
    403,
    'permission_denied',
    'Request refused',
    'This form was sent from another site, so Pelm Connect refused it.',
  ),
  internal: problem(
    500,
    'internal_error',
    'Something went wrong',
    'Pelm Connect failed to handle this request. Go back to the app and try again.',
  ),
} satisfies Record<string, Problem>

export function isProblem(value: object): value is Problem {
  return 'status' in value && 'title' in value && 'message' in value
}
