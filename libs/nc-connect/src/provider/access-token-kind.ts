/** RFC 9068's media type of JWT access tokens, in the `typ` header. */
const AT_JWT = /^(application\/)?at\+jwt$/i;
/** Keycloak's `typ` claim of the tokens that are not access tokens. */
const OTHER_KEYCLOAK_TYPES = new Set(['ID', 'Refresh', 'Logout', 'Offline']);

/**
 * Whether a verified JWT is an access token, not an ID token, a refresh token or a logout token
 * presented in its place. Accepted shapes: RFC 9068 (`typ: at+jwt` header), Keycloak's (`typ:
 * "Bearer"` claim, whatever the header), and plain `JWT`-typed access tokens, recognised by a `scope`
 * or `client_id` claim and the absence of what only ID and logout tokens carry (`nonce`, `at_hash`,
 * `c_hash`, `events`).
 */
export function isAccessToken(headerTyp: unknown, claims: Record<string, unknown>): boolean {
  if (typeof headerTyp === 'string' && AT_JWT.test(headerTyp)) return true;
  if (claims.typ === 'Bearer') return true;
  if (typeof claims.typ === 'string' && OTHER_KEYCLOAK_TYPES.has(claims.typ)) return false;
  if (headerTyp !== undefined && !(typeof headerTyp === 'string' && /^(application\/)?jwt$/i.test(headerTyp)))
    return false;
  if (['nonce', 'at_hash', 'c_hash', 'events'].some((claim) => claim in claims)) return false;
  return typeof claims.scope === 'string' || typeof claims.client_id === 'string';
}
