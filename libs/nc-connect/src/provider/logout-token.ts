import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import type { SessionKeys } from '../session/session-store.js';
import { ASYMMETRIC_ALGORITHMS } from './signing-algorithms.js';
import { KeysUnavailableError } from './keys-unavailable.js';
import type { DiscoveredProvider } from './provider-discovery.js';

/** The `events` member of a back-channel logout token. */
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** The oldest logout token accepted, in seconds since its `iat`. */
const MAX_LOGOUT_TOKEN_AGE = 600;

/** A valid logout token: whose sessions to end, and its id (for replay detection). */
export interface VerifiedLogoutToken {
  readonly keys: SessionKeys;
  readonly jti: string;
}

function invalid(reason: string, cause?: unknown): NcConnectError {
  return new NcConnectError(Code.LOGOUT_TOKEN_INVALID, 'The logout token is invalid.', {
    cause: cause ?? new Error(reason),
  });
}

/**
 * Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6): jose
 * checks the signature, `iss`, `aud`, `iat` (at most 10 minutes old), `exp` and the presence of `jti`
 * and `events`; then the back-channel logout event, no `nonce`, and a `sid` and/or `sub`.
 *
 * Logout tokens are signed asymmetrically: an HMAC made with the client secret would let anyone
 * holding that secret log any user out. A symmetric algorithm only when the app pins it
 * (`idTokenSignedResponseAlg`).
 * @throws NcConnectError `NC_CONNECT_LOGOUT_TOKEN_INVALID` (400), or 502/503 when the keys cannot be had
 */
export async function verifyLogoutToken(
  discover: () => Promise<DiscoveredProvider>,
  options: NcConnectConfig,
  token: unknown,
): Promise<VerifiedLogoutToken> {
  // Before discovery: a request without a token is a 400 even while NC Connect cannot be reached.
  if (typeof token !== 'string' || token === '' || token.length > 16_384) throw invalid('logout_token is missing');
  const provider = await discover();
  let claims: Record<string, unknown>;
  try {
    const pinned = options.idTokenSignedResponseAlg;
    const verified = await provider.jwt.verify(token, {
      algorithms: pinned ? [pinned] : ASYMMETRIC_ALGORITHMS,
      audience: options.clientId,
      requiredClaims: ['iat', 'jti', 'events'],
      maxTokenAge: MAX_LOGOUT_TOKEN_AGE,
    });
    claims = verified.payload;
  } catch (err) {
    if (err instanceof KeysUnavailableError) throw err.toNcConnectError();
    throw invalid('signature or claims', err);
  }
  const { jti, events, nonce, sub, sid } = claims;
  if (typeof jti !== 'string' || jti === '') throw invalid('"jti" is not a string');
  const event = (events as Record<string, unknown> | undefined)?.[BACKCHANNEL_LOGOUT_EVENT];
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw invalid('"events" does not hold the back-channel logout event');
  }
  if (nonce !== undefined) throw invalid('a logout token must not contain "nonce"');
  if (typeof sub !== 'string' && typeof sid !== 'string') throw invalid('neither "sid" nor "sub"');
  return {
    keys: { ...(typeof sub === 'string' ? { sub } : {}), ...(typeof sid === 'string' ? { sid } : {}) },
    jti,
  };
}
