import type { NcConnectAssurance } from '../assurance/nc-connect-assurance.js';

/** Tokens kept server-side when `keepTokens` is on. */
export interface NcConnectSessionTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds, when NC Connect said. */
  readonly expiresAt?: number;
}

/** A logged-in user's session, as `NcConnectSessions.get()` gives it to an app (read-only). */
export interface NcConnectSession {
  /** The user as returned by `validateUser` (by default the `NcConnectUser`). */
  readonly user: unknown;
  /** The user's `sub` at NC Connect. */
  readonly sub: string;
  /** NC Connect's session id (`sid` claim), when present. */
  readonly sid?: string;
  /** Epoch milliseconds of the login (the absolute timeout counts from it). */
  readonly authenticatedAt: number;
  /** Epoch milliseconds of the last recorded activity (the idle timeout counts from it). */
  readonly lastActiveAt: number;
  /**
   * The login's `verified`, `acr` and `auth_time`, for `@RequireAssurance()`; absent from sessions
   * opened before version 0.4.
   */
  readonly assurance?: NcConnectAssurance;
}

/**
 * What a session store keeps for one session. It names its owner (the instance and the issuer), so
 * that a record made by another instance or for another provider is refused even in a shared store.
 */
export interface NcConnectSessionRecord extends NcConnectSession {
  /** The name of the `NcConnectModule` instance that made it (`'default'` unless named). */
  readonly instance: string;
  /** The issuer the user logged in with. */
  readonly issuer: string;
  /** Kept for `id_token_hint` at logout. */
  readonly idToken: string;
  /** Only with `keepTokens`. */
  readonly tokens?: NcConnectSessionTokens;
}
