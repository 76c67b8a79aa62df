import session from 'express-session';
import { LRUCache } from 'lru-cache';

type Callback = (err?: unknown) => void;

function expiresAt(data: session.SessionData): number | undefined {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires).getTime() : undefined;
}

/**
 * The default express-session store: in-process, bounded to `max` sessions (the least recently
 * used goes first when full) and expiring with the session cookie. Sessions are kept serialised
 * so that no request can mutate another's copy. One process only: use a shared store (Redis) to
 * run several instances.
 */
export class BoundedMemoryStore extends session.Store {
  private readonly sessions: LRUCache<string, string>;

  /**
   * @param max capacity, in sessions
   * @param ttlSeconds how long to keep a session; by default until its cookie expires
   */
  constructor(
    max: number,
    private readonly ttlSeconds?: (data: session.SessionData) => number,
  ) {
    super();
    this.sessions = new LRUCache({ max });
  }

  override get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    const raw = this.sessions.get(sid);
    if (raw === undefined) return callback(null, null);
    const data = JSON.parse(raw) as session.SessionData;
    const expires = expiresAt(data);
    if (expires !== undefined && expires <= Date.now()) {
      this.sessions.delete(sid);
      return callback(null, null);
    }
    callback(null, data);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = expiresAt(data);
    const ttl = this.ttlSeconds
      ? this.ttlSeconds(data) * 1000
      : expires === undefined
        ? undefined
        : Math.max(1, expires - Date.now());
    this.sessions.set(sid, JSON.stringify(data), { ttl });
    callback?.();
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions.delete(sid);
    callback?.();
  }

  /** Nothing to refresh: the expiry of a session does not move (no rolling sessions). */
  override touch(_sid: string, _data: session.SessionData, callback?: Callback): void {
    callback?.();
  }

  override length(callback: (err: unknown, length?: number) => void): void {
    callback(null, this.sessions.size);
  }

  override clear(callback?: Callback): void {
    this.sessions.clear();
    callback?.();
  }
}
