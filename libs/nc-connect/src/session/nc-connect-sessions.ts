import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_SESSION_STORE } from '../nc-connect.constants.js';
import type { NcConnectSession, NcConnectSessionRecord, NcConnectSessionTokens } from './nc-connect-session.js';
import { SessionCookie } from './session-cookie.js';
import type { NcConnectSessionStore, SessionKeys } from './session-store.js';

/** A session of this instance, alive at the time it was read. */
export interface LiveSession {
  readonly id: string;
  readonly record: NcConnectSessionRecord;
}

/** What a login gives a new session. */
export type NewSession = Pick<NcConnectSessionRecord, 'user' | 'idToken' | 'sub' | 'sid' | 'tokens'>;

type RequestState = { session: Promise<LiveSession | undefined>; res?: HttpResponse };

/** Back-channel logouts end sessions this many at a time. */
const BATCH = 100;

function unavailable(cause: unknown): NcConnectError {
  return new NcConnectError(
    Code.SESSION_UNAVAILABLE,
    'Sessions are unavailable right now; please try again in a moment.',
    {
      cause,
    },
  );
}

/** A store's failure (Redis down) as a 503, not a 500. */
function storeFailure(err: unknown): never {
  throw err instanceof NcConnectError ? err : unavailable(err);
}

/**
 * The library's own sessions: a signed cookie holding a random id, and a record in the session store
 * (in-process by default, Redis with `redis`). Every change is an explicit store operation made when
 * it happens: nothing is saved when a response ends, and `touch` and `update` never bring back a
 * session that was ended meanwhile. Sessions end after `session.idleTimeout` without activity or
 * `session.maxAge` after login; activity is recorded at most once per tenth of the idle timeout, so
 * most requests write nothing. The library never reads or writes `req.session`.
 */
@Injectable()
export class NcConnectSessions {
  private readonly logger = new Logger('NcConnect');
  /** Each request's session, read once per request. */
  /**
   * Where a request keeps its session once read: a property of the request under a private symbol.
   * (A WeakMap keyed by requests costs far more: its entries burden every garbage collection.)
   */
  private readonly stateKey = Symbol('nc-connect session');
  private readonly cookie: SessionCookie;
  private readonly stampMs: number;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_SESSION_STORE) private readonly store: NcConnectSessionStore,
    http: NcConnectHttp,
  ) {
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
    this.stampMs = Math.max(1000, (s.idleTimeout * 1000) / 10);
  }

  /**
   * The logged-in user's session on `req`, or `undefined`. Read once per request; ends the session
   * when its idle or absolute timeout has passed, and records activity when due. Pass the response
   * so that a stale cookie is cleared.
   * @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` (503) when the store fails
   */
  async get(req: HttpRequest, res?: HttpResponse): Promise<NcConnectSession | undefined> {
    return (await this.live(req, res))?.record;
  }

  /** {@link get}, with the session's id. Internal. */
  live(req: HttpRequest, res?: HttpResponse): Promise<LiveSession | undefined> {
    let state = this.state(req);
    if (!state) {
      state = { session: this.load(req, res), res };
      this.remember(req, state);
    } else if (res) {
      state.res ??= res;
    }
    return state.session;
  }

  /** Starts the session of a user who just logged in, under a new id (no fixation), and sets its cookie. */
  async establish(req: HttpRequest, res: HttpResponse, login: NewSession): Promise<void> {
    const previous = await this.live(req, res);
    const now = Date.now();
    const record: NcConnectSessionRecord = {
      ...login,
      instance: this.config.instance,
      issuer: this.config.issuer,
      authenticatedAt: now,
      lastActiveAt: now,
    };
    const id = randomBytes(32).toString('base64url');
    const options = { ttlMs: this.ttlMs(record, now), maxPerKey: this.config.session.maxSessionsPerUser };
    const created = await this.call(async () => {
      if (previous) await this.store.destroy(previous.id);
      return this.store.create(id, record, options);
    });
    if (!created) throw unavailable(new Error('a new session id already exists in the store'));
    this.cookie.write(res, id);
    this.remember(req, { session: Promise.resolve({ id, record }), res });
  }

  /**
   * Saves the tokens of a refresh in the session `id`, if it still exists.
   * @returns `false` when the session ended meanwhile (nothing is written)
   */
  async updateTokens(id: string, tokens: NcConnectSessionTokens, idToken?: string): Promise<boolean> {
    return this.call(async () => {
      const record = await this.store.get(id);
      if (!record) return false;
      const updated: NcConnectSessionRecord = { ...record, tokens, idToken: idToken ?? record.idToken };
      return this.store.update(id, updated, this.ttlMs(updated, Date.now()));
    });
  }

  /** Ends the session of `req` (if any) and clears its cookie. */
  async end(req: HttpRequest, res?: HttpResponse): Promise<void> {
    const live = await this.live(req, res);
    const response = res ?? this.state(req)?.res;
    if (live) {
      await this.call(() => this.store.destroy(live.id));
      // Without a live session, reading it already cleared the cookie.
      if (response) this.cookie.clear(response);
    }
    this.remember(req, { session: Promise.resolve(undefined), res: response });
  }

  /**
   * Ends, from outside any request of theirs, the sessions of an NC Connect session (`sid`) or, when
   * no `sid` is given, of a user (`sub`), in batches. Returns how many ended.
   */
  async endSessionsOf(keys: SessionKeys): Promise<number> {
    let ended = 0;
    // Each user has at most session.maxSessionsPerUser sessions; the bound only stops a store that
    // would keep answering the same ids.
    for (let round = 0; round <= this.config.session.maxSessionsPerUser / BATCH + 1; round++) {
      const ids = await this.call(() => this.store.find(keys, BATCH));
      if (ids.length === 0) break;
      const destroyed = await this.call(() => Promise.all(ids.map((id) => this.store.destroy(id))));
      ended += destroyed.filter(Boolean).length;
    }
    return ended;
  }

  private state(req: HttpRequest): RequestState | undefined {
    return (req as unknown as Record<symbol, RequestState | undefined>)[this.stateKey];
  }

  private remember(req: HttpRequest, state: RequestState): void {
    (req as unknown as Record<symbol, RequestState>)[this.stateKey] = state;
  }

  /** Reads the session of `req` from its cookie and the store, enforcing ownership and timeouts. */
  private async load(req: HttpRequest, res: HttpResponse | undefined): Promise<LiveSession | undefined> {
    const id = this.cookie.read(req);
    let live: LiveSession | undefined;
    try {
      live = id === undefined ? undefined : await this.check(id);
    } catch (err) {
      storeFailure(err);
    }
    // A cookie that leads nowhere (ended, expired, forged, another instance's) is dropped.
    if (!live && res && this.cookie.isPresent(req)) this.cookie.clear(res);
    return live;
  }

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
    if (this.expired(record, now)) {
      await this.store.destroy(id);
      return undefined;
    }
    if (now - record.lastActiveAt < this.stampMs) return { id, record };
    const touched = { ...record, lastActiveAt: now };
    return (await this.store.touch(id, now, this.ttlMs(touched, now))) ? { id, record: touched } : undefined;
  }

  private expired(record: NcConnectSession, now: number): boolean {
    const s = this.config.session;
    return now - record.authenticatedAt > s.maxAge * 1000 || now - record.lastActiveAt > s.idleTimeout * 1000;
  }

  /** Until the idle or the absolute timeout, whichever comes first. */
  private ttlMs(record: NcConnectSession, now: number): number {
    const s = this.config.session;
    return Math.min(record.lastActiveAt + s.idleTimeout * 1000, record.authenticatedAt + s.maxAge * 1000) - now;
  }

  /** A store operation; its failure (Redis down) is a 503, not a 500. */
  private call<T>(operation: () => Promise<T>): Promise<T> {
    return operation().catch(storeFailure);
  }
}
