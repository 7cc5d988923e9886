import { sValidator } from '@hono/standard-validator'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import * as v from 'valibot'
import { PelmHttpError } from '../errors/json-error'

const identifier = v.nullish(v.pipe(v.string(), v.minLength(1), v.maxLength(200)))

/** `POST /connect-token`: `{ utilityId?, utilitySlug? }`, not both. */
export const connectTokenBody = v.pipe(
  v.object({ utilityId: identifier, utilitySlug: identifier }),
  v.check(
    (body) => !(body.utilityId && body.utilitySlug),
    'Send utilityId or utilitySlug, not both.',
  ),
)

/** `POST /exchange`: `{ code, state }`; a missing state is `state_missing`, not a schema error. */
export const exchangeBody = v.object({
  code: v.pipe(
    v.string('code must be a string.'),
    v.minLength(1, 'code is required.'),
    v.maxLength(2048),
  ),
  state: v.nullish(v.pipe(v.string('state must be a string.'), v.maxLength(1024))),
})

function describe(issues: readonly StandardSchemaV1.Issue[]): string {
  const details = issues.slice(0, 5).map((issue) => {
    const path = issue.path
      ?.map((segment) => (typeof segment === 'object' ? segment.key : segment))
      .join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  return `The request body is invalid. ${details.join('; ')}`
}

/** Validates the JSON body with a schema through `@hono/standard-validator`; 400 `invalid_body`. */
export function validateJson<S extends StandardSchemaV1>(schema: S) {
  return sValidator('json', schema, (result) => {
    if (!result.success) throw new PelmHttpError('invalid_body', describe(result.error))
  })
}
