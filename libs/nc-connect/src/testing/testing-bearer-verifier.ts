import { Injectable } from '@nestjs/common';
import type { NcConnectBearerVerifier } from '../bearer/nc-connect-bearer-verifier.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectTestingUser } from './nc-connect-testing-user.js';
import type { NcConnectAssurance } from '../assurance/nc-connect-assurance.js';
import { testingAssurance } from './testing-assurance.js';

/**
 * `NcConnectBearerVerifier` for tests: `NcConnectTestingUser.accessToken` is the logged-in user's
 * token; any other token, or any token while nobody is logged in, is refused like an invalid one.
 */
@Injectable()
export class TestingBearerVerifier implements Pick<NcConnectBearerVerifier, 'verify' | 'verifyWithAssurance'> {
  constructor(private readonly testing: NcConnectTestingUser) {}

  async verify(accessToken: string): Promise<unknown> {
    const user = this.testing.user;
    if (user === undefined || accessToken !== this.testing.accessToken) {
      throw new NcConnectError(Code.BEARER_TOKEN_INVALID, 'The access token is invalid, expired or revoked.');
    }
    return user;
  }

  /** {@link verify}, with the testing user's `verified`, `acr` and `auth_time`. */
  async verifyWithAssurance(accessToken: string): Promise<{ user: unknown; assurance: NcConnectAssurance }> {
    const user = await this.verify(accessToken);
    return { user, assurance: testingAssurance(user as object, Date.now()) };
  }
}
