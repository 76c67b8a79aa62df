import * as client from 'openid-client';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/** The step of the protocol during which a provider call failed. */
export type ProviderStep = 'discovery' | 'token' | 'userinfo' | 'introspection';

/** oauth4webapi's codes for a JWT that failed validation (openid-client does not re-export them). */
const ID_TOKEN_CODES = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
]);

/** True for failures to reach the provider at all: DNS, refused connection, reset, timeout. */
export function isNetworkFailure(err: unknown, depth = 0): boolean {
  // Duck-typed: fetch's errors may come from another realm (e.g. under Jest), where instanceof fails.
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const { name, message, cause, code } = err as { name?: unknown; message?: unknown; cause?: unknown; code?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (name === 'TypeError' && typeof message === 'string' && /fetch failed|terminated|network/i.test(message))
    return true;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|UND_ERR_\w+)$/.test(code)
  )
    return true;
  return cause !== undefined && cause !== err && isNetworkFailure(cause, depth + 1);
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
  if (step === 'token' && err instanceof client.ClientError) {
    const code = err.code ?? '';
    if (
      ID_TOKEN_CODES.has(code) ||
      /jwt|id.?token/i.test(err.message) ||
      /jwt|id.?token/i.test(String((err.cause as Error)?.message))
    ) {
      return new NcConnectError(
        Code.ID_TOKEN_INVALID,
        'NC Connect returned an identity token that failed validation.',
        { cause: err },
      );
    }
  }
  if (step === 'userinfo') {
    return new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned unusable user information.', { cause: err });
  }
  return new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect answered with an invalid response.', { cause: err });
}
