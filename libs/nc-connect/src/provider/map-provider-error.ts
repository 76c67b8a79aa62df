import * as client from 'openid-client';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/** The step of the protocol during which a provider call failed. */
export type ProviderStep = 'discovery' | 'token' | 'userinfo' | 'introspection';

/** oauth4webapi's codes for a JWT that failed validation (openid-client does not re-export them). */
const JWT_CODES = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
]);
/** oauth4webapi's code for a response member or JWT claim missing or of the wrong type. */
const INVALID_RESPONSE = 'OAUTH_INVALID_RESPONSE';

/**
 * Error codes of a connection that failed or broke: Node's system errors, undici's, and TLS failures
 * (an expired or unknown certificate: the provider cannot be reached safely).
 */
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|EPIPE|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EPROTO|UND_ERR_\w+|ERR_TLS_\w+|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/**
 * True for failures to reach the provider at all (DNS, refused connection, reset, timeout), told by
 * error names and codes along the `cause` chain (fetch's "fetch failed" carries the system error).
 */
export function isNetworkFailure(err: unknown, depth = 0): boolean {
  // Duck-typed: fetch's errors may come from another realm (e.g. under Jest), where instanceof fails.
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const { name, cause, code } = err as { name?: unknown; cause?: unknown; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
  return cause !== undefined && cause !== err && isNetworkFailure(cause, depth + 1);
}

/**
 * True when openid-client refused the ID token of a token response: a JWT check failed, or a claim
 * is missing or mistyped (its cause then holds the JWT's `claims` or `header`, or the JWT itself).
 */
function isIdTokenFailure(err: InstanceType<typeof client.ClientError>): boolean {
  if (JWT_CODES.has(err.code ?? '')) return true;
  if (err.code !== INVALID_RESPONSE) return false;
  // openid-client keeps oauth4webapi's error as its cause, and that error's cause holds the JWT's parts.
  const cause = err.cause instanceof Error ? err.cause.cause : err.cause;
  return (
    typeof cause === 'string' ||
    (typeof cause === 'object' && cause !== null && ('claims' in cause || 'header' in cause))
  );
}

/** The HTTP status of the provider answer behind an openid-client error, when there is one. */
function upstreamStatus(err: unknown): number | undefined {
  if (err instanceof client.ResponseBodyError) return err.status;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof Response ? cause.status : undefined;
}

/**
 * Turns what openid-client throws into an {@link NcConnectError} with a message safe to show.
 * The original error stays as `cause` for the log line; its text (which may quote a provider body)
 * never reaches a response.
 */
export function mapProviderError(err: unknown, step: ProviderStep): NcConnectError {
  if (err instanceof NcConnectError) return err;
  if (isNetworkFailure(err)) {
    return new NcConnectError(
      Code.PROVIDER_UNAVAILABLE,
      'NC Connect is unreachable right now; please try again in a moment.',
      {
        cause: err,
      },
    );
  }
  // A provider saying it is unavailable (503, or 504 from its own gateway) is a 503 here; any other
  // 5xx is a 502: it answered, but not with something usable.
  const upstream = upstreamStatus(err);
  if (upstream === 503 || upstream === 504) {
    return new NcConnectError(
      Code.PROVIDER_UNAVAILABLE,
      'NC Connect is unavailable right now; please try again in a moment.',
      {
        cause: err,
      },
    );
  }
  if (step === 'token' && err instanceof client.ResponseBodyError && err.error === 'invalid_grant') {
    return new NcConnectError(
      Code.CODE_REJECTED,
      'This login link has already been used or has expired; please log in again.',
      {
        cause: err,
      },
    );
  }
  if (step === 'token' && err instanceof client.ClientError && isIdTokenFailure(err)) {
    return new NcConnectError(Code.ID_TOKEN_INVALID, 'NC Connect returned an identity token that failed validation.', {
      cause: err,
    });
  }
  if (step === 'userinfo') {
    return new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned unusable user information.', { cause: err });
  }
  return new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect answered with an invalid response.', { cause: err });
}
