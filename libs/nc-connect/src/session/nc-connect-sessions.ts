import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_SESSION_STORE } from '../nc-connect.constants.js';
import type { NcConnectSession, NcConnectSessionRecord, NcConnectSessionTokens } from './nc-connect-session.js';
import { endSessions } from './end-sessions.js';
import { endTimedOutSessions } from './end-timed-out-sessions.js';
import { view } from './session-view.js';
import { RequestMemo } from './request-memo.js';
import { SessionCookie } from './session-cookie.js';
import { SessionLifetime } from './session-lifetime.js';
import type { NcConnectSessionStore, SessionKeys, SessionOwner } from './session-store.js';
import { storeCall } from './store-call.js';

/** A session of this instance, alive at the time it was read. */
export interface LiveSession {
  readonly id: string;
  readonly record: NcConnectSessionRecord;
}

/** What a login gives a new session. */
export type NewSession = Pick<NcConnectSessionRecord, 'user' | 'idToken' | 'sub' | 'sid' | 'tokens' | 'assurance'>;

const UNAVAILABLE = 'Sessions are unavailable right now; please try again in a moment.';

/**
 * The library's own sessions: a signed cookie holding a random id, and a record in the session store
 * (in-process by default, Redis with `redis`). Every change is an explicit store operation made when
 * it happens: nothing is saved when a response ends, and `touch` and `update` never bring back a
 * session that was ended meanwhile. The library never reads or writes `req.session`.
 */
@Injectable()
export class NcConnectSessions {
  private readonly logger = new Logger('NcConnect');
  private readonly requests = new RequestMemo();
  private readonly cookie: SessionCookie;
  private readonly lifetime: SessionLifetime;
  /** Whose sessions this instance's are, in the store. */
  private readonly owner: SessionOwner;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_SESSION_STORE) private readonly store: NcConnectSessionStore,
    http: NcConnectHttp,
    private readonly audit: NcConnectAudit,
  ) {
    this.owner = { instance: config.instance, issuer: config.issuer };
    const s = config.session;
    if (s.generatedSecret) {
      this.logger.warn(
        'session.secret is not set: sessions are signed with a random secret and end when this process stops. Set it (SESSION_SECRET in the sample app); it is required when NODE_ENV=production.',
      );
    }
    this.cookie = new SessionCookie(http, {
      name: s.cookieName,
      secrets: s.secrets,
      secure: s.secure,
      maxAge: s.maxAge,
    });
    this.lifetime = new SessionLifetime(s);
  }

  /**
   * The logged-in user's session on `req` (the user, `sub`, `sid`, `authenticatedAt`,
   * `lastActiveAt`, the login's `assurance`; never a token), or `undefined`. Read once per request; ends the session when
   * its idle or absolute timeout has passed, and records activity when due.
   * @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` (503) when the store fails
   */
  async get(req: HttpRequest, res?: HttpResponse): Promise<NcConnectSession | undefined> {
    const live = await this.live(req, res);
    return live && view(live.record);
  }

  /** {@link get}, with the session's id and whole record. @internal */
  live(req: HttpRequest, res?: HttpResponse): Promise<LiveSession | undefined> {
    let state = this.requests.get(req);
    if (!state) {
      state = { session: this.load(req, res), res };
      this.requests.set(req, state);
    } else if (res) {
      state.res ??= res;
    }
    return state.session;
  }

  /**
   * {@link live}, read from the store again: a WebSocket connection's handshake stands for every
   * message of the connection, and the session may have ended (logout, back-channel logout,
   * timeout) since the last one. @internal
   */
  reread(req: HttpRequest): Promise<LiveSession | undefined> {
    const session = this.load(req, undefined);
    this.requests.set(req, { session });
    return session;
  }

  /**
   * Starts the session of a user who just logged in, under a new id (no fixation), ends the one the
   * browser had, and sets the cookie. @internal
   */
  async establish(req: HttpRequest, res: HttpResponse, login: NewSession): Promise<void> {
    // Read without the response: the cookie is about to be set, not cleared.
    const previous = await this.live(req);
    const now = Date.now();
    const record: NcConnectSessionRecord = {
      ...login,
      instance: this.config.instance,
      issuer: this.config.issuer,
      authenticatedAt: now,
      lastActiveAt: now,
    };
    const id = randomBytes(32).toString('base64url');
    const options = { ttlMs: this.lifetime.ttlMs(record, now), maxPerKey: this.config.session.maxSessionsPerUser };
    const created = await this.call(async () => {
      if (previous) await this.store.destroy(previous.id);
      for (const ended of await endTimedOutSessions(
        this.store,
        this.owner,
        login.sub,
        this.lifetime,
        options.maxPerKey,
        now,
      )) {
        this.audit.record({ type: 'session.expired', outcome: 'ok', sub: ended.sub, reason: ended.reason });
      }
      return this.store.create(id, record, options);
    });
    if (!created) throw new Error('a new session id already exists in the store');
    this.cookie.write(res, id);
    this.requests.set(req, { session: Promise.resolve({ id, record }), res });
  }

  /**
   * The record of session `id` as the store has it now; `undefined` when there is none or it has
   * timed out (a store keeps a timed-out record a while longer, and a long-lived request, SSE or a
   * WebSocket, may ask after its session ended). @internal
   */
  async read(id: string): Promise<NcConnectSessionRecord | undefined> {
    const record = await this.call(() => this.store.get(id));
    return record && !this.lifetime.expired(record, Date.now()) ? record : undefined;
  }

  /**
   * Saves the tokens of a refresh in the session `id` if it still exists, and in what `req`
   * remembers of it. @internal
   * @returns `false` when the session ended meanwhile (nothing is written)
   */
  async updateTokens(req: HttpRequest, id: string, tokens: NcConnectSessionTokens, idToken?: string): Promise<boolean> {
    const current = await this.read(id);
    if (!current) return false;
    const record: NcConnectSessionRecord = { ...current, tokens, idToken: idToken ?? current.idToken };
    if (!(await this.call(() => this.store.update(id, record)))) return false;
    this.requests.set(req, { session: Promise.resolve({ id, record }), res: this.requests.get(req)?.res });
    return true;
  }

  /** Ends the session of `req` (if any) and clears its cookie. */
  async end(req: HttpRequest, res?: HttpResponse): Promise<void> {
    const live = await this.live(req, res);
    const response = res ?? this.requests.get(req)?.res;
    if (live) await this.call(() => this.store.destroy(live.id));
    if (response && this.cookie.isPresent(req)) this.cookie.clear(response);
    this.requests.set(req, { session: Promise.resolve(undefined), res: response });
  }

  /**
   * Ends, from outside any request of theirs, this instance's sessions of an NC Connect session
   * (`sid`), and of a user (`sub`): with only a `sub`, all of that user's sessions; with both, the
   * sessions of that `sid` and the user's sessions that have no `sid` (OpenID Connect Back-Channel
   * Logout 1.0, section 2.4). In batches; returns how many ended.
   */
  endSessionsOf(keys: SessionKeys): Promise<number> {
    return this.call(() => endSessions(this.store, this.owner, keys, this.config.session.maxSessionsPerUser));
  }

  /**
   * Reads the session of `req` from its cookie and the store. A cookie whose signature is wrong is
   * cleared; one whose session has ended is left alone, since the browser may hold a newer one by
   * the time this answer arrives (the logout route clears it).
   */
  private async load(req: HttpRequest, res: HttpResponse | undefined): Promise<LiveSession | undefined> {
    const id = this.cookie.read(req);
    if (id === undefined) {
      if (res && this.cookie.isPresent(req)) this.cookie.clear(res);
      return undefined;
    }
    return this.call(() => this.check(id));
  }

  /** The live session `id` of this instance, ending it when timed out and recording activity when due. */
  private async check(id: string): Promise<LiveSession | undefined> {
    const record = await this.store.get(id);
    if (!record) return undefined;
    if (record.instance !== this.config.instance || record.issuer !== this.config.issuer) {
      this.logger.warn(
        `NC_CONNECT_SESSION_FOREIGN: a session of instance "${record.instance}" (${record.issuer}) was presented to instance "${this.config.instance}"; refused`,
      );
      return undefined;
    }
    const now = Date.now();
    const expiredBy = this.lifetime.expiredBy(record, now);
    if (expiredBy) {
      // Reported once, by whichever request ended it.
      if (await this.store.destroy(id)) {
        this.audit.record({ type: 'session.expired', outcome: 'ok', sub: record.sub, reason: expiredBy });
      }
      return undefined;
    }
    if (!this.lifetime.stampDue(record, now)) return { id, record };
    const touched = { ...record, lastActiveAt: now };
    return (await this.store.touch(id, now, this.lifetime.ttlMs(touched, now))) ? { id, record: touched } : undefined;
  }

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return storeCall(operation, UNAVAILABLE);
  }
}
