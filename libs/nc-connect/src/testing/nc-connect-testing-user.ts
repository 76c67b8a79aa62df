import { Inject, Injectable } from '@nestjs/common';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { NC_CONNECT_TESTING_OPTIONS, type NcConnectTestingOptions } from './nc-connect-testing-options.js';

/**
 * Who is logged in, in an app tested with `NcConnectTestingModule`: every request is that user's
 * (`NcConnectGuard` lets it through and `@CurrentUser()` injects it), or anonymous after
 * {@link logOut}. Get it from the testing module and switch users between tests.
 *
 * @example
 * ```ts
 * const testing = moduleRef.get(NcConnectTestingUser);
 * testing.logIn(jean);  // GET /api/profile -> 200 as jean
 * testing.logOut();     // GET /api/profile -> 401
 * ```
 */
@Injectable()
export class NcConnectTestingUser {
  /**
   * The bearer token `NcConnectBearerGuard` accepts for the logged-in user, and what
   * `NcConnectTokens.getAccessToken()` returns: send `Authorization: Bearer <accessToken>`.
   */
  readonly accessToken = 'nc-connect-testing-access-token';
  private current?: NcConnectUser | object;

  constructor(@Inject(NC_CONNECT_TESTING_OPTIONS) options: NcConnectTestingOptions) {
    this.current = options.user;
  }

  /** The logged-in user, or `undefined` when anonymous. */
  get user(): NcConnectUser | object | undefined {
    return this.current;
  }

  /** Logs `user` in for every request from now on. */
  logIn(user: NcConnectUser | object): void {
    this.current = user;
  }

  /** Makes every request from now on anonymous. */
  logOut(): void {
    this.current = undefined;
  }
}
