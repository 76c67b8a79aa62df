import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_SESSION_INDEX } from '../nc-connect.constants.js';
import { BoundedMemoryStore } from './bounded-memory.store.js';
import type { NcConnectSessionIndex, SessionKeys } from './session-index.js';

/** What the library keeps in the session of a logged-in user. Never an access or refresh token. */
export interface NcConnectSessionData {
  /** The user as returned by `validateUser` (by default the `NcConnectUser`). */
  user: unknown;
  /** Kept for `id_token_hint` at logout. */
  idToken: string;
  sub: string;
  /** NC Connect's session id (`sid` claim), when present. */
  sid?: string;
  /** Epoch milliseconds. */
  authenticatedAt: number;
}

declare module 'express-session' {
  interface SessionData {
    ncConnect?: NcConnectSessionData;
  }
}

function run(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => handler(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

function unavailable(cause: unknown): NcConnectError {
  return new NcConnectError(
    Code.SESSION_UNAVAILABLE,
    'Sessions are unavailable right now; please try again in a moment.',
    {
      cause,
    },
  );
}

/**
 * Sessions with express-session, loaded only by the routes that need them (the guard and the
 * library's controller), so routes without a user pay nothing. Cookie: httpOnly, SameSite=Lax,
 * signed, `secure` when the redirect URI is https.
 */
@Injectable()
export class NcConnectSessions {
  private readonly logger = new Logger('NcConnect');
  /** The express-session middleware, for apps that want `req.session` on every route. */
  readonly handler: RequestHandler;
  private readonly store: session.Store;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_SESSION_INDEX) private readonly index: NcConnectSessionIndex,
  ) {
    const s = config.session;
    this.store = s.store ?? new BoundedMemoryStore(s.maxSessions);
    if (s.generatedSecret) {
      this.logger.warn(
        'session.secret is not set: sessions are signed with a random secret and end when this process stops. Set it (SESSION_SECRET in the sample app); it is required when NODE_ENV=production.',
      );
    }
    this.handler = session({
      name: s.cookieName,
      secret: [...s.secrets],
      store: this.store,
      resave: false,
      saveUninitialized: false,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: s.secure, path: '/', maxAge: s.maxAge * 1000 },
    });
  }

  /** Makes `req.session` available (once per request). @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` */
  async load(req: Request, res: Response): Promise<void> {
    if (req.session) return;
    try {
      await run(this.handler, req, res);
    } catch (err) {
      throw unavailable(err);
    }
    // express-session skips the request silently when its store reports being disconnected.
    if (!req.session) throw unavailable(new Error('the session store is not ready'));
  }

  /** The logged-in user's session data, if any (after {@link load}). */
  current(req: Request): NcConnectSessionData | undefined {
    return req.session?.ncConnect;
  }

  /** Starts the session of a user who just logged in, under a new session id (no fixation). */
  async establish(req: Request, res: Response, data: NcConnectSessionData): Promise<void> {
    await this.load(req, res);
    try {
      await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
      req.session.ncConnect = data;
      await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
      await this.index.add(req.sessionID, { sub: data.sub, sid: data.sid }, this.config.session.maxAge);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /**
   * Ends, from outside any request of theirs, the sessions of an NC Connect session (`sid`) or, when
   * no `sid` is given, of a user (`sub`). Returns how many sessions were found.
   */
  async endSessionsOf(keys: SessionKeys): Promise<number> {
    try {
      const ids = await this.index.find(keys);
      await Promise.all(
        ids.map(
          (id) =>
            new Promise<void>((resolve, reject) => this.store.destroy(id, (err) => (err ? reject(err) : resolve()))),
        ),
      );
      return ids.length;
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Ends the local session and clears its cookie. */
  async end(req: Request, res: Response): Promise<void> {
    await this.load(req, res);
    try {
      await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      throw unavailable(err);
    }
    const s = this.config.session;
    res.clearCookie(s.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: s.secure });
  }
}
