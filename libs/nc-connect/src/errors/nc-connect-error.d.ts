import { HttpException } from '@nestjs/common';
/**
 * Stable error codes. Callers (and log searches) match on these, never on messages.
 */
export declare const NcConnectErrorCode: Readonly<{
    /** The module options are invalid; the message lists every problem. */
    readonly CONFIG_INVALID: "NC_CONNECT_CONFIG_INVALID";
    /** NC Connect could not be reached (network error, timeout, discovery failure). */
    readonly PROVIDER_UNAVAILABLE: "NC_CONNECT_PROVIDER_UNAVAILABLE";
    /** NC Connect answered something that is not a valid protocol response. */
    readonly PROVIDER_ERROR: "NC_CONNECT_PROVIDER_ERROR";
    /** The user cancelled the login or refused access at NC Connect (`error=access_denied`). */
    readonly ACCESS_DENIED: "NC_CONNECT_ACCESS_DENIED";
    /** NC Connect returned another OAuth error to the callback. */
    readonly AUTHORIZATION_ERROR: "NC_CONNECT_AUTHORIZATION_ERROR";
    /** A request to the library's routes is malformed (missing, repeated or oversized parameters). */
    readonly REQUEST_INVALID: "NC_CONNECT_REQUEST_INVALID";
    /** The callback's `state` matches no login started by this browser (forged, replayed or foreign). */
    readonly STATE_MISMATCH: "NC_CONNECT_STATE_MISMATCH";
    /** The login transaction existed but took too long. */
    readonly TRANSACTION_EXPIRED: "NC_CONNECT_TRANSACTION_EXPIRED";
    /** The token endpoint refused the authorization code (already used, expired or not ours). */
    readonly CODE_REJECTED: "NC_CONNECT_CODE_REJECTED";
    /** The ID token failed validation (signature, iss, aud, azp, exp, iat, nonce…). */
    readonly ID_TOKEN_INVALID: "NC_CONNECT_ID_TOKEN_INVALID";
    /** The userinfo response is unusable, or its `sub` differs from the ID token's. */
    readonly USERINFO_INVALID: "NC_CONNECT_USERINFO_INVALID";
    /** The application's `validateUser` hook refused the user. */
    readonly USER_REFUSED: "NC_CONNECT_USER_REFUSED";
    /** A route needs a logged-in user and there is none. */
    readonly LOGIN_REQUIRED: "NC_CONNECT_LOGIN_REQUIRED";
    /** The session store failed. */
    readonly SESSION_UNAVAILABLE: "NC_CONNECT_SESSION_UNAVAILABLE";
    /** An unexpected failure inside the library; the cause is logged, not shown. */
    readonly INTERNAL: "NC_CONNECT_INTERNAL_ERROR";
}>;
export type NcConnectErrorCode = (typeof NcConnectErrorCode)[keyof typeof NcConnectErrorCode];
/** The JSON body of every error answer the library sends. */
export interface NcConnectErrorBody {
    statusCode: number;
    code: NcConnectErrorCode;
    message: string;
}
/**
 * The one error type of the library. It is an `HttpException`, so Nest's default filter answers
 * with its status and a JSON body `{ statusCode, code, message }` even where the library's own
 * filter is not installed. The message is safe to show: it never contains a token, a code or a
 * provider's body; details for operators go in `cause`, which is logged but never sent.
 */
export declare class NcConnectError extends HttpException {
    readonly code: NcConnectErrorCode;
    constructor(code: NcConnectErrorCode, message: string, options?: {
        cause?: unknown;
        status?: number;
    });
    /** The status this error answers with. */
    get httpStatus(): number;
}
