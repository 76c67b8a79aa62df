import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/** The token endpoint's OAuth error codes that mean "this client's credentials or registration are wrong". */
const CLIENT_AUTH_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

/**
 * The OAuth error code of a refusal, as openid-client reports it: the `error` of a JSON error body
 * (`ResponseBodyError`), or of a `WWW-Authenticate` challenge (`WWWAuthenticateChallengeError`). A
 * 401 challenge without an `error` (a `Basic` challenge has none: RFC 7617) is `invalid_client`:
 * RFC 6749 5.2 has the server answer exactly that to a client that failed to authenticate, and
 * oauth4webapi does not read the body that says so.
 */
export function oauthErrorCode(err: unknown): string | undefined {
  if (err instanceof client.ResponseBodyError) return err.error;
  if (err instanceof client.WWWAuthenticateChallengeError) {
    const code = err.cause.map((challenge) => challenge.parameters.error).find((value) => value !== undefined);
    return code ?? (err.status === 401 ? 'invalid_client' : undefined);
  }
  return undefined;
}

/**
 * `NC_CONNECT_CLIENT_AUTH_FAILED` when the token endpoint refused this client (`invalid_client`,
 * `unauthorized_client`), else `undefined`. Its cause names the settings to check (never the secret),
 * for the log line.
 * @param during what the token request was for, e.g. `the code exchange`
 */
export function clientAuthFailure(
  err: unknown,
  during: string,
  settings: Pick<NcConnectConfig, 'clientId' | 'tokenEndpointAuthMethod'> &
    Partial<Pick<NcConnectConfig, 'clientKeys'>>,
): NcConnectError | undefined {
  const code = oauthErrorCode(err);
  if (code === undefined || !CLIENT_AUTH_ERRORS.has(code)) return undefined;
  const credential =
    settings.tokenEndpointAuthMethod === 'private_key_jwt'
      ? `clientKey (kid "${settings.clientKeys?.[0]?.kid}", whose public key NC Connect must know: its jwks_uri)`
      : 'clientSecret (not shown)';
  const detail =
    `NC Connect's token endpoint refused this client (${code}) during ${during}: check the settings ` +
    `clientId ("${settings.clientId}"), ${credential} and tokenEndpointAuthMethod ` +
    `("${settings.tokenEndpointAuthMethod}") against the client registered at NC Connect`;
  return new NcConnectError(
    Code.CLIENT_AUTH_FAILED,
    "NC Connect refused this service's credentials; the service's settings need fixing.",
    { cause: new Error(detail, { cause: err }) },
  );
}
