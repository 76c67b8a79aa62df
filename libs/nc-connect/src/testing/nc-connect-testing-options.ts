import type { NcConnectAssuranceOptions } from '../assurance/assurance-options.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/** Options of `NcConnectTestingModule.forRoot()`. */
export interface NcConnectTestingOptions {
  /**
   * Who is logged in when the tests start: an {@link NcConnectUser}, or your own user when your
   * `validateUser` maps it. @default nobody (anonymous)
   */
  user?: NcConnectUser | object;
  /**
   * The `routePrefix` your app gives `NcConnectModule`, so that anonymous browsers are redirected
   * to the same login route. @default 'auth'
   */
  routePrefix?: string | false;
  /**
   * The `assurance` option your app gives `NcConnectModule`, for `@RequireAssurance({ acr })`; the
   * testing provider offers every level. The testing user's `verified` and `acr` come from the user
   * (`verified`, `claims.acr`), its `auth_time` from `claims.auth_time`, else the login is "now".
   */
  assurance?: NcConnectAssuranceOptions;
}

/** Injection token of the testing module's options. */
export const NC_CONNECT_TESTING_OPTIONS = Symbol('NC_CONNECT_TESTING_OPTIONS');
