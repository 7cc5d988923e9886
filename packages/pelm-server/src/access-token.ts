/**
 * The longest access token accepted from Pelm, in characters. It travels in an `Authorization:
 * Bearer` header and is kept in a {@link ConnectionRecord}; a stored record holds up to
 * {@link MAX_STORED_ACCESS_TOKEN_LENGTH}, room for the encrypted form of a token this long.
 */
export const MAX_ACCESS_TOKEN_LENGTH = 4096

/**
 * The longest `accessToken` a stored record may hold: the encrypted form of a
 * {@link MAX_ACCESS_TOKEN_LENGTH}-character token (`pelm-enc:v2:<key id>:<iv>:<ciphertext>`, about
 * 5,500 characters) fits with room to spare.
 */
export const MAX_STORED_ACCESS_TOKEN_LENGTH = 8192

/** Visible ASCII, no spaces: what a header value can carry as a Bearer token. */
export const VISIBLE_ASCII = /^[\x21-\x7e]+$/
