import type { NcConnectUser } from '../user/nc-connect-user.js';

/**
 * Options an app may give the strategy, e.g. from `AuthGuard`'s `getAuthenticateOptions()`; by
 * default both come from the login request's query (`?returnTo=/path&prompt=login`).
 */
export interface NcConnectAuthenticateOptions {
  /** Where to send the browser after the login (a local path; anything else becomes `/`). */
  returnTo?: string;
  /** OpenID Connect `prompt`: `login`, `none`, `consent` or `select_account`. */
  prompt?: string;
  /** OpenID Connect `max_age` in seconds; the callback then checks the returned `auth_time`. */
  maxAge?: number;
  /** OpenID Connect `acr_values` (one of `assurance.acrLevels`); the callback then checks the returned `acr`. */
  acrValues?: string;
}

/** What a finished login leaves on `req.authInfo` (beside the user on `req.user`). */
export interface NcConnectAuthInfo {
  /** The local path the login was started for (`returnTo`, sanitised; `/` by default). */
  returnTo: string;
  /** The NC Connect user, as it was before `validateUser`. */
  ncConnectUser: NcConnectUser;
}
