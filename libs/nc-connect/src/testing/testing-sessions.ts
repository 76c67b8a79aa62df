import { Injectable } from '@nestjs/common';
import type { HttpRequest } from '../http/nc-connect-http.js';
import type { NcConnectSessionRecord } from '../session/nc-connect-session.js';
import type { LiveSession, NcConnectSessions, NewSession } from '../session/nc-connect-sessions.js';
import type { SessionKeys } from '../session/session-store.js';
import { NcConnectTestingUser } from './nc-connect-testing-user.js';
import { testingAssurance } from './testing-assurance.js';

type SessionsApi = Pick<
  NcConnectSessions,
  'get' | 'live' | 'read' | 'establish' | 'updateTokens' | 'end' | 'endSessionsOf'
>;

/**
 * `NcConnectSessions` for tests: no cookie and no store; every request belongs to the user of
 * {@link NcConnectTestingUser}, or to nobody.
 */
@Injectable()
export class TestingSessions implements SessionsApi {
  constructor(private readonly testing: NcConnectTestingUser) {}

  async get(): Promise<NcConnectSessionRecord | undefined> {
    return (await this.live())?.record;
  }

  async read(): Promise<NcConnectSessionRecord | undefined> {
    return this.get();
  }

  async live(): Promise<LiveSession | undefined> {
    const user = this.testing.user;
    if (user === undefined) return undefined;
    const sub = (user as { sub?: unknown }).sub;
    const now = Date.now();
    const record: NcConnectSessionRecord = {
      instance: 'testing',
      issuer: 'testing',
      user,
      idToken: '',
      sub: typeof sub === 'string' ? sub : 'testing-user',
      authenticatedAt: now,
      lastActiveAt: now,
      assurance: testingAssurance(user, now),
    };
    return { id: 'testing-session', record };
  }

  async establish(_req: HttpRequest, _res: object, login: NewSession): Promise<void> {
    this.testing.logIn(login.user as object);
  }

  async updateTokens(): Promise<boolean> {
    return this.testing.user !== undefined;
  }

  async endSessionsOf(keys: SessionKeys): Promise<number> {
    // A testing session has no NC Connect `sid`: only its `sub` can match.
    if (keys.sub === undefined || keys.sub !== (await this.get())?.sub) return 0;
    this.testing.logOut();
    return 1;
  }

  async end(): Promise<void> {
    this.testing.logOut();
  }
}
