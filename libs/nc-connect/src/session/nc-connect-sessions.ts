import { Inject, Injectable, Logger } from '@nestjs/common';
import { RedisStore } from 'connect-redis';
import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { unsign as unsignCookie } from 'cookie-signature';
import session from 'express-session';
import { LRUCache } from 'lru-cache';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { DEFAULT_INSTANCE, NC_CONNECT_CONFIG, NC_CONNECT_SESSION_INDEX } from '../nc-connect.constants.js';
import { NcConnectRedis } from '../redis/nc-connect-redis.js';
import { BoundedMemoryStore } from './bounded-memory.store.js';
import type { NcConnectSessionIndex, SessionKeys } from './session-index.js';

/** Tokens kept server-side when `keepTokens` is on. */
export interface NcConnectSessionTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, when NC Connect said. */
  expiresAt?: number;
}

/** What the library keeps in the session of a logged-in user. */
export interface NcConnectSessionData {
  /** The user as returned by `validateUser` (by default the `NcConnectUser`). */
  user: unknown;
  /** Kept for `id_token_hint` at logout. */
  idToken: string;
  sub: string;
  /** NC Connect's session id (`sid` claim), when present. */
  sid?: string;
  /** Epoch milliseconds of the login (for the absolute timeout). */
  authenticatedAt: number;
  /** Epoch milliseconds of the last recorded activity (for the idle timeout). */
  lastActiveAt: number;
  /** Only with `keepTokens`. */
  tokens?: NcConnectSessionTokens;
}

declare module 'express-session' {
  interface SessionData {
    ncConnect?: NcConnectSessionData;
  }
}

function run(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => handler(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

function call(fn: (callback: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
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
 * signed, `secure` when the redirect URI is https. Store: Redis when configured, else a bounded
 * in-process store. Timeouts: idle (rolling) and absolute, enforced here whatever the store; the
 * activity stamp is written at most once per tenth of the idle timeout, so most requests write
 * nothing.
 */
@Injectable()
export class NcConnectSessions {
  private readonly logger = new Logger('NcConnect');
  /** The express-session middleware, for apps that want `req.session` on every route. */
  readonly handler: RequestHandler;
  private readonly store: session.Store;
  private readonly activityStampMs: number;
  private readonly shadowKey: symbol;
  /** Signed cookie values already verified, and their session ids (bounded). */
  private readonly verifiedCookies = new LRUCache<string, string>({ max: 10_000 });

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_SESSION_INDEX) private readonly index: NcConnectSessionIndex,
    redis: NcConnectRedis,
  ) {
    const s = config.session;
    this.shadowKey = Symbol.for(`nc-connect:session:${config.instance}`);
    if (s.generatedSecret) {
      this.logger.warn(
        'session.secret is not set: sessions are signed with a random secret and end when this process stops. Set it (SESSION_SECRET in the sample app); it is required when NODE_ENV=production.',
      );
    }
    this.activityStampMs = Math.max(1000, (s.idleTimeout * 1000) / 10);
    const ttl = (data: session.SessionData) => this.ttlSeconds(data);
    this.store =
      s.store ??
      (redis.client
        ? new RedisStore({ client: redis.client, prefix: NcConnectRedis.key(config, 'sess:'), ttl, disableTouch: true })
        : new BoundedMemoryStore(s.maxSessions, ttl));
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

  /** How long the store keeps a session: until its idle or its absolute timeout, whichever is first. */
  private ttlSeconds(data: session.SessionData): number {
    const s = this.config.session;
    const d = data.ncConnect;
    if (!d) return s.idleTimeout;
    const now = Date.now();
    const idleEnd = d.lastActiveAt + s.idleTimeout * 1000 + this.activityStampMs;
    const absoluteEnd = d.authenticatedAt + s.maxAge * 1000;
    return Math.max(1, Math.ceil((Math.min(idleEnd, absoluteEnd) - now) / 1000));
  }

  /**
   * The request object carrying this instance's session. The default instance uses `req` itself
   * (`req.session`, as express-session users expect); a named instance keeps its own session, under
   * its own cookie, on a shadow of the request, so that two instances never share one.
   */
  private sessionRequest(req: Request): Request {
    if (this.config.instance === DEFAULT_INSTANCE) return req;
    const holder = req as unknown as Record<symbol, Request | undefined>;
    let shadow = holder[this.shadowKey];
    if (!shadow) {
      shadow = Object.create(req) as Request;
      // express-session skips a request that already has a session: hide the other instances'.
      Object.defineProperty(shadow, 'session', {
        value: undefined,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      Object.defineProperty(shadow, 'sessionID', {
        value: undefined,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      holder[this.shadowKey] = shadow;
    }
    return shadow;
  }

  /** Makes the session available (once per request). @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` */
  async load(request: Request, res: Response): Promise<void> {
    const req = this.sessionRequest(request);
    if (req.session) return;
    try {
      await run(this.handler, req, res);
    } catch (err) {
      throw unavailable(err);
    }
    // express-session skips the request silently when its store reports being disconnected.
    if (!req.session) throw unavailable(new Error('the session store is not ready'));
  }

  /** Whether `data` is past its idle or absolute timeout at `now`. */
  private expired(data: NcConnectSessionData, now: number): boolean {
    const s = this.config.session;
    return now - data.authenticatedAt > s.maxAge * 1000 || now - data.lastActiveAt > s.idleTimeout * 1000;
  }

  /**
   * The read-only path of most requests: a valid signed cookie, a live session, no activity stamp
   * due. It reads the store directly and leaves `req.session` unset, so that express-session's
   * per-request work (session objects, change detection, response hooks) is not paid when nothing
   * will change. The cookie is checked with cookie-signature, as express-session checks it; every
   * other case (no cookie, bad signature, missing or expiring session, stamp due) returns
   * `undefined` for the full path to handle.
   */
  private async readOnly(request: Request): Promise<NcConnectSessionData | undefined> {
    if (this.sessionRequest(request).session || !request.headers.cookie) return undefined;
    const signed = parseCookie(request.headers.cookie)[this.config.session.cookieName];
    if (!signed?.startsWith('s:')) return undefined;
    const sid = this.unsign(signed);
    if (!sid) return undefined;
    let stored: session.SessionData | null | undefined;
    try {
      stored = await new Promise<session.SessionData | null | undefined>((resolve, reject) =>
        this.store.get(sid, (err, data) => (err ? reject(err) : resolve(data))),
      );
    } catch {
      return undefined; // the full path reports the store's failure
    }
    const data = stored?.ncConnect;
    const now = Date.now();
    if (!data || this.expired(data, now) || now - data.lastActiveAt >= this.activityStampMs) return undefined;
    const expires = stored?.cookie?.expires;
    if (expires && new Date(expires).getTime() <= now) return undefined;
    return data;
  }

  /** The session id of a signed cookie value (`s:<id>.<signature>`), or `undefined`; verified ones are remembered. */
  private unsign(signed: string): string | undefined {
    const known = this.verifiedCookies.get(signed);
    if (known) return known;
    for (const secret of this.config.session.secrets) {
      const sid = unsignCookie(signed.slice(2), secret);
      if (sid !== false) {
        this.verifiedCookies.set(signed, sid);
        return sid;
      }
    }
    return undefined;
  }

  /**
   * The logged-in user's session, or `undefined`: loads it, ends it when its idle or absolute
   * timeout has passed, and records activity when the last stamp is old enough. The session it
   * returns is read-only unless {@link load} was called first (see {@link current}).
   */
  async authenticated(request: Request, res: Response): Promise<NcConnectSessionData | undefined> {
    const fast = await this.readOnly(request);
    if (fast) return fast;
    await this.load(request, res);
    const req = this.sessionRequest(request);
    const data = req.session.ncConnect;
    if (!data) return undefined;
    const now = Date.now();
    if (this.expired(data, now)) {
      await this.end(request, res);
      return undefined;
    }
    if (now - data.lastActiveAt >= this.activityStampMs) data.lastActiveAt = now;
    return data;
  }

  /** The session data as stored, timeouts not checked (after {@link load}). */
  current(request: Request): NcConnectSessionData | undefined {
    return this.sessionRequest(request).session?.ncConnect;
  }

  /** The id of this instance's session on `request` (after {@link load}). */
  sessionId(request: Request): string {
    return this.sessionRequest(request).sessionID;
  }

  /** Starts the session of a user who just logged in, under a new session id (no fixation). */
  async establish(request: Request, res: Response, data: NcConnectSessionData): Promise<void> {
    await this.load(request, res);
    const req = this.sessionRequest(request);
    try {
      await call((done) => req.session.regenerate(done));
      req.session.ncConnect = data;
      await call((done) => req.session.save(done));
      await this.index.add(req.sessionID, { sub: data.sub, sid: data.sid }, this.config.session.maxAge);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Saves a change to the session now (e.g. refreshed tokens), rather than at the end of the response. */
  async save(request: Request): Promise<void> {
    const req = this.sessionRequest(request);
    try {
      await call((done) => req.session.save(done));
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
      await Promise.all(ids.map((id) => call((done) => this.store.destroy(id, done))));
      return ids.length;
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** Ends the local session and clears its cookie. */
  async end(request: Request, res: Response): Promise<void> {
    await this.load(request, res);
    const req = this.sessionRequest(request);
    try {
      await call((done) => req.session.destroy(done));
    } catch (err) {
      throw unavailable(err);
    }
    const s = this.config.session;
    res.clearCookie(s.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: s.secure });
  }
}
