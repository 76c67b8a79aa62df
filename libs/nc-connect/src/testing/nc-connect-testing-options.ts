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
}

/** Injection token of the testing module's options. */
export const NC_CONNECT_TESTING_OPTIONS = Symbol('NC_CONNECT_TESTING_OPTIONS');
