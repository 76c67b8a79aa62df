import { Injectable } from '@nestjs/common';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import type { NcConnectTokens } from '../session/nc-connect-tokens.js';
import { NcConnectTestingUser } from './nc-connect-testing-user.js';

/** `NcConnectTokens` for tests: the logged-in user's access token is `NcConnectTestingUser.accessToken`. */
@Injectable()
export class TestingTokens implements Pick<NcConnectTokens, 'getAccessToken'> {
  constructor(private readonly testing: NcConnectTestingUser) {}

  async getAccessToken(): Promise<string> {
    if (this.testing.user === undefined) {
      throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
    }
    return this.testing.accessToken;
  }
}
