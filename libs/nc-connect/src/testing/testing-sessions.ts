import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { NcConnectSessionData, NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { SessionKeys } from '../session/session-index.js';
import { NcConnectTestingUser } from './nc-connect-testing-user.js';

/**
 * `NcConnectSessions` for tests: no cookie and no store; every request belongs to the user of
 * {@link NcConnectTestingUser}, or to nobody.
 */
@Injectable()
export class TestingSessions implements Pick<
  NcConnectSessions,
  'handler' | 'load' | 'authenticated' | 'current' | 'sessionId' | 'establish' | 'save' | 'endSessionsOf' | 'end'
> {
  constructor(private readonly testing: NcConnectTestingUser) {}

  readonly handler = (_req: Request, _res: Response, next: NextFunction): void => next();

  async load(): Promise<void> {}

  async authenticated(): Promise<NcConnectSessionData | undefined> {
    return this.session();
  }

  current(): NcConnectSessionData | undefined {
    return this.session();
  }

  private session(): NcConnectSessionData | undefined {
    const user = this.testing.user;
    if (user === undefined) return undefined;
    const sub = (user as { sub?: unknown }).sub;
    const now = Date.now();
    return {
      user,
      idToken: '',
      sub: typeof sub === 'string' ? sub : 'testing-user',
      authenticatedAt: now,
      lastActiveAt: now,
    };
  }

  async establish(_req: Request, _res: Response, data: NcConnectSessionData): Promise<void> {
    this.testing.logIn(data.user as object);
  }

  async save(): Promise<void> {}

  sessionId(): string {
    return 'testing-session';
  }

  async endSessionsOf(keys: SessionKeys): Promise<number> {
    // A testing session has no NC Connect `sid`: only its `sub` can match.
    if (keys.sub === undefined || keys.sub !== this.session()?.sub) return 0;
    this.testing.logOut();
    return 1;
  }

  async end(): Promise<void> {
    this.testing.logOut();
  }
}
