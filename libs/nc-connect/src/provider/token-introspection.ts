import { audienceIncludes } from './audience.js';
import * as client from 'openid-client';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/**
 * Members of an introspection response that describe the token rather than its user (RFC 7662 §2.2,
 * JWT registered claims, Keycloak's additions). A response with nothing else carries no identity
 * claims, and the user's are then read from userinfo.
 */
const TOKEN_METADATA = new Set([
  'active',
  'scope',
  'client_id',
  'username',
  'token_type',
  'exp',
  'iat',
  'nbf',
  'sub',
  'aud',
  'iss',
  'jti',
  'sid',
  'cnf',
  'azp',
  'typ',
  'acr',
  'auth_time',
  'session_state',
  'realm_access',
  'resource_access',
  'allowed-origins',
  'authorization_details',
]);

/** An opaque access token NC Connect vouched for by introspection. */
export interface IntrospectedToken {
  /** The introspection response (`active`, `sub`, `client_id`, `exp`, … and any user claims). */
  claims: Record<string, unknown>;
  /** True when the response carries claims about the user beyond `sub` and the token's metadata. */
  hasIdentityClaims: boolean;
}

/** A bearer access token as the library's error; `message` becomes the `error_description` clients see. */
function refused(message: string, detail = message): NcConnectError {
  return new NcConnectError(Code.BEARER_TOKEN_INVALID, message, { cause: new Error(detail) });
}

/**
 * Asks NC Connect's introspection endpoint (RFC 7662) about `accessToken`, authenticating as this
 * client the way the token endpoint does, and requires it to be active, issued to one of
 * `audiences` (its `client_id`, or its `aud`), unexpired (`exp`, when given, with
 * `clockTolerance` seconds of leeway), an access token (`token_type` or `typ` Bearer) and about a
 * user (`sub`).
 * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` for a refused token; openid-client's
 * errors when NC Connect cannot be asked (for the caller to map)
 */
export async function introspectAccessToken(
  config: client.Configuration,
  accessToken: string,
  audiences: readonly string[],
  clockTolerance: number,
): Promise<IntrospectedToken> {
  const response = await client.tokenIntrospection(config, accessToken, { token_type_hint: 'access_token' });
  const claims = { ...response } as Record<string, unknown>;
  if (claims.active !== true) throw refused('The access token is invalid, expired or revoked.');
  // RFC 7662's `token_type` (oidc-provider) or Keycloak's `typ` claim must say Bearer: a refresh
  // token is introspected too, and answers without either (oidc-provider) or with "Refresh".
  const kinds = [claims.token_type, claims.typ].filter((value) => value !== undefined);
  if (kinds.length === 0 || !kinds.every((value) => typeof value === 'string' && /^bearer$/i.test(value))) {
    throw refused('The token is not an access token.', `introspection "token_type" ${JSON.stringify(kinds)}`);
  }
  const { exp, sub, aud, client_id: clientId } = claims;
  if (exp !== undefined && (typeof exp !== 'number' || exp <= Date.now() / 1000 - clockTolerance)) {
    throw refused('The access token expired.');
  }
  const forThisService =
    (typeof clientId === 'string' && audiences.includes(clientId)) || audienceIncludes(aud, audiences);
  if (!forThisService) {
    throw refused(
      'The access token is not meant for this service.',
      `introspection names client ${JSON.stringify(clientId)}, audience ${JSON.stringify(aud)}`,
    );
  }
  if (typeof sub !== 'string' || sub === '') throw refused('The access token names no user.');
  const hasIdentityClaims = Object.keys(claims).some((name) => !TOKEN_METADATA.has(name));
  return { claims, hasIdentityClaims };
}
