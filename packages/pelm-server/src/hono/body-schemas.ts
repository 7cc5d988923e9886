import * as v from 'valibot'

const identifier = v.nullish(v.pipe(v.string(), v.minLength(1), v.maxLength(200)))

/** `POST /connect-token`: `{ utilityId?, utilitySlug?, connectionId? }`, not both utilities. */
export const connectTokenBody = v.pipe(
  v.object({ utilityId: identifier, utilitySlug: identifier, connectionId: identifier }),
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
