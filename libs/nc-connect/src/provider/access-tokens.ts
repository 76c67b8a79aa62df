import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { isAccessToken } from './access-token-kind.js';
import { audienceIncludes } from './audience.js';
import { clientCallFailure } from './client-call-failure.js';
import { KeysUnavailableError } from './keys-unavailable.js';
import type { DiscoveredProvider } from './provider-discovery.js';
import type { NcConnectProviderStatus } from './provider-status.js';
import { ASYMMETRIC_ALGORITHMS } from './signing-algorithms.js';
import { introspectAccessToken, type IntrospectedToken } from './token-introspection.js';

/** A bearer access token as the library's error; `message` becomes the `error_description` clients see. */
function accessTokenInvalid(message: string, cause?: unknown): NcConnectError {
  return new NcConnectError(Code.BEARER_TOKEN_INVALID, message, { cause: cause ?? new Error(message) });
}

/** What a client is told of the claims jose found wrong (its `claim`), for those worth telling apart. */
const CLAIM_REFUSALS: Record<string, string> = {
  iss: 'The access token was not issued by NC Connect.',
  exp: 'The access token has no expiry.',
  sub: 'The access token names no user.',
};

/** The answer to a client for a token jose refused, by jose's error code and claim. */
function refusal(err: unknown): string {
  const { code, claim } = err as { code?: unknown; claim?: unknown };
  if (code === 'ERR_JWT_EXPIRED') return 'The access token expired.';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && typeof claim === 'string' && claim in CLAIM_REFUSALS) {
    return CLAIM_REFUSALS[claim];
  }
  return 'The access token is invalid.';
}

/** Access tokens presented to the app as bearer tokens: JWTs verified here, opaque ones introspected. */
export class AccessTokens {
  constructor(
    private readonly options: NcConnectConfig,
    private readonly status: NcConnectProviderStatus,
  ) {}

  /**
   * Validates a JWT access token (V3): jose checks the signature against the provider's JWKS
   * (asymmetric algorithms only), `iss`, `exp` and `sub` (required), `iat` not in the future; then it
   * must be an access token (see {@link isAccessToken}), so that an ID token, a refresh token or a
   * logout token is not accepted in its place, with `aud` containing, or `azp` or `client_id` (RFC
   * 9068) equal to, one of `audiences`. Returns its claims.
   * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` (401), or 502/503 when the keys cannot be had
   */
  async verifyJwt(
    provider: DiscoveredProvider,
    jwt: string,
    audiences: readonly string[],
  ): Promise<Record<string, unknown>> {
    let claims: Record<string, unknown>;
    let typ: unknown;
    try {
      const verified = await provider.jwt.verify(jwt, {
        algorithms: ASYMMETRIC_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
      });
      claims = verified.payload;
      typ = verified.protectedHeader.typ;
    } catch (err) {
      if (err instanceof KeysUnavailableError) throw err.toNcConnectError();
      throw accessTokenInvalid(refusal(err), err);
    }
    if (!isAccessToken(typ, claims)) throw accessTokenInvalid('The token is not an access token.');
    const { sub, aud, azp, client_id: clientId } = claims;
    if (typeof sub !== 'string' || sub === '') throw accessTokenInvalid('The access token names no user.');
    const byClient = [azp, clientId].some((c) => typeof c === 'string' && audiences.includes(c));
    if (!audienceIncludes(aud, audiences) && !byClient) {
      throw accessTokenInvalid('The access token is not meant for this service.');
    }
    return claims;
  }

  /**
   * NC Connect's introspection of an opaque access token, required to be active, for one of
   * `audiences` and unexpired (see {@link introspectAccessToken}); `undefined` when discovery offers
   * no `introspection_endpoint`.
   * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` (401), `NC_CONNECT_CLIENT_AUTH_FAILED`,
   * or 502/503 when NC Connect cannot be asked
   */
  async introspect(
    provider: DiscoveredProvider,
    accessToken: string,
    audiences: readonly string[],
  ): Promise<IntrospectedToken | undefined> {
    if (!provider.config.serverMetadata().introspection_endpoint) return undefined;
    let introspected: IntrospectedToken;
    try {
      introspected = await introspectAccessToken(provider.config, accessToken, audiences, this.options.clockTolerance);
    } catch (err) {
      // A refused token is NC Connect's answer to a call it accepted from this client.
      if (err instanceof NcConnectError) this.status.succeeded('client authentication');
      throw clientCallFailure(err, 'token introspection', 'introspection', this.options, this.status);
    }
    this.status.succeeded('client authentication');
    return introspected;
  }
}
