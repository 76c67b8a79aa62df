import { HttpException } from '@nestjs/common';

/**
 * Stable error codes. Callers (and log searches) match on these, never on messages.
 */
export const NcConnectErrorCode = Object.freeze({
  /** The module options are invalid; the message lists every problem. */
  CONFIG_INVALID: 'NC_CONNECT_CONFIG_INVALID',
  /** NC Connect could not be reached (network error, timeout, discovery failure). */
  PROVIDER_UNAVAILABLE: 'NC_CONNECT_PROVIDER_UNAVAILABLE',
  /** NC Connect answered something that is not a valid protocol response. */
  PROVIDER_ERROR: 'NC_CONNECT_PROVIDER_ERROR',
  /** The user cancelled the login or refused access at NC Connect (`error=access_denied`). */
  ACCESS_DENIED: 'NC_CONNECT_ACCESS_DENIED',
  /** NC Connect returned another OAuth error to the callback. */
  AUTHORIZATION_ERROR: 'NC_CONNECT_AUTHORIZATION_ERROR',
  /** A request to the library's routes is malformed (missing, repeated or oversized parameters). */
  REQUEST_INVALID: 'NC_CONNECT_REQUEST_INVALID',
  /** The callback's `state` matches no login started by this browser (forged, replayed or foreign). */
  STATE_MISMATCH: 'NC_CONNECT_STATE_MISMATCH',
  /** The login transaction existed but took too long. */
  TRANSACTION_EXPIRED: 'NC_CONNECT_TRANSACTION_EXPIRED',
  /** The token endpoint refused the authorization code (already used, expired or not ours). */
  CODE_REJECTED: 'NC_CONNECT_CODE_REJECTED',
  /**
   * NC Connect's token endpoint refused this service's credentials (`invalid_client` or
   * `unauthorized_client`): a configuration error; the log names the settings to check.
   */
  CLIENT_AUTH_FAILED: 'NC_CONNECT_CLIENT_AUTH_FAILED',
  /**
   * The `issuer` setting does not lead to that issuer's discovery document (a wrong realm path, or a
   * document naming another issuer): a configuration error; the log names both issuers or the status.
   */
  ISSUER_MISCONFIGURED: 'NC_CONNECT_ISSUER_MISCONFIGURED',
  /** The ID token failed validation (signature, iss, aud, azp, exp, iat, nonce…). */
  ID_TOKEN_INVALID: 'NC_CONNECT_ID_TOKEN_INVALID',
  /** The userinfo response is unusable, or its `sub` differs from the ID token's. */
  USERINFO_INVALID: 'NC_CONNECT_USERINFO_INVALID',
  /** The application's `validateUser` hook refused the user. */
  USER_REFUSED: 'NC_CONNECT_USER_REFUSED',
  /** A back-channel logout token failed validation. */
  LOGOUT_TOKEN_INVALID: 'NC_CONNECT_LOGOUT_TOKEN_INVALID',
  /** A state-changing request came from another site (e.g. a forged logout). */
  CROSS_SITE_REQUEST: 'NC_CONNECT_CROSS_SITE_REQUEST',
  /** A route needs a logged-in user and there is none. */
  LOGIN_REQUIRED: 'NC_CONNECT_LOGIN_REQUIRED',
  /** A bearer access token was refused (bad signature, expired, foreign audience, revoked…). */
  BEARER_TOKEN_INVALID: 'NC_CONNECT_BEARER_TOKEN_INVALID',
  /**
   * The user's identity is not verified enough for the route (`@RequireAssurance({ verified })`): a
   * new login cannot change it; the user has to have their identity verified with NC Connect.
   */
  VERIFICATION_INSUFFICIENT: 'NC_CONNECT_VERIFICATION_INSUFFICIENT',
  /**
   * The login is too old or of too low an `acr` level for the route (`@RequireAssurance({ acr,
   * maxAge })`): a new login can fix it (RFC 9470 `insufficient_user_authentication`).
   */
  STEP_UP_REQUIRED: 'NC_CONNECT_STEP_UP_REQUIRED',
  /**
   * A login asked for an `acr` level or a recent authentication and NC Connect answered with less,
   * or the route needs an `acr` level NC Connect does not offer.
   */
  ASSURANCE_INSUFFICIENT: 'NC_CONNECT_ASSURANCE_INSUFFICIENT',
  /** The session store failed. */
  SESSION_UNAVAILABLE: 'NC_CONNECT_SESSION_UNAVAILABLE',
  /** An unexpected failure inside the library; the cause is logged, not shown. */
  INTERNAL: 'NC_CONNECT_INTERNAL_ERROR',
} as const);

export type NcConnectErrorCode = (typeof NcConnectErrorCode)[keyof typeof NcConnectErrorCode];

const STATUS: Record<NcConnectErrorCode, number> = {
  NC_CONNECT_CONFIG_INVALID: 500,
  NC_CONNECT_PROVIDER_UNAVAILABLE: 503,
  NC_CONNECT_PROVIDER_ERROR: 502,
  NC_CONNECT_ACCESS_DENIED: 401,
  NC_CONNECT_AUTHORIZATION_ERROR: 401,
  NC_CONNECT_REQUEST_INVALID: 400,
  NC_CONNECT_STATE_MISMATCH: 400,
  NC_CONNECT_TRANSACTION_EXPIRED: 401,
  NC_CONNECT_CODE_REJECTED: 401,
  NC_CONNECT_CLIENT_AUTH_FAILED: 502,
  NC_CONNECT_ISSUER_MISCONFIGURED: 502,
  NC_CONNECT_ID_TOKEN_INVALID: 401,
  NC_CONNECT_USERINFO_INVALID: 502,
  NC_CONNECT_USER_REFUSED: 403,
  NC_CONNECT_CROSS_SITE_REQUEST: 403,
  NC_CONNECT_LOGOUT_TOKEN_INVALID: 400,
  NC_CONNECT_LOGIN_REQUIRED: 401,
  NC_CONNECT_BEARER_TOKEN_INVALID: 401,
  NC_CONNECT_VERIFICATION_INSUFFICIENT: 403,
  NC_CONNECT_STEP_UP_REQUIRED: 401,
  NC_CONNECT_ASSURANCE_INSUFFICIENT: 403,
  NC_CONNECT_SESSION_UNAVAILABLE: 503,
  NC_CONNECT_INTERNAL_ERROR: 500,
};

/** The JSON body of every error answer the library sends. */
export interface NcConnectErrorBody {
  statusCode: number;
  code: NcConnectErrorCode;
  message: string;
}

/** GraphQL's usual `extensions.code` for the statuses the library answers with (Apollo's names). */
const GRAPHQL_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
};

/** What a GraphQL response shows of an {@link NcConnectError} in `errors[].extensions`. */
export interface NcConnectErrorExtensions {
  /** `UNAUTHENTICATED` (401), `FORBIDDEN` (403), `BAD_REQUEST` (400) or `INTERNAL_SERVER_ERROR`. */
  readonly code: string;
  readonly ncConnectCode: NcConnectErrorCode;
}

/**
 * The one error type of the library. It is an `HttpException`, so Nest's default filter answers
 * with its status and a JSON body `{ statusCode, code, message }` even where the library's own
 * filter is not installed. The message is safe to show: it never contains a token, a code or a
 * provider's body; details for operators go in `cause`, which is logged but never sent.
 */
export class NcConnectError extends HttpException {
  /**
   * Read by GraphQL servers: graphql-js copies a resolver error's `extensions` into the error it
   * answers with, so that a guarded resolver refuses an anonymous query with `UNAUTHENTICATED` on
   * any driver.
   */
  readonly extensions: NcConnectErrorExtensions;

  constructor(
    readonly code: NcConnectErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    const status = options?.status ?? STATUS[code];
    super({ statusCode: status, code, message } satisfies NcConnectErrorBody, status, {
      cause: options?.cause,
    });
    this.name = 'NcConnectError';
    this.extensions = Object.freeze({ code: GRAPHQL_CODES[status] ?? 'INTERNAL_SERVER_ERROR', ncConnectCode: code });
  }

  /** The status this error answers with. */
  get httpStatus(): number {
    return this.getStatus();
  }
}
