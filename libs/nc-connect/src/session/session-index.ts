import { LRUCache } from 'lru-cache';
import type { NcConnectRedisClient } from '../config/nc-connect-options.interface.js';

/** What a session is found by when NC Connect ends a user's sessions. */
export interface SessionKeys {
  /** The user (`sub` of the ID token). */
  sub?: string;
  /** NC Connect's session (`sid` of the ID token). */
  sid?: string;
}

/**
 * Finds the local sessions of an NC Connect user or session, for back-channel logout. Entries
 * may outlive their session (a destroyed session is simply not found in the store any more).
 */
export interface NcConnectSessionIndex {
  add(sessionId: string, keys: SessionKeys, ttlSeconds: number): Promise<void>;
  /** The ids of the sessions recorded under `sid` if given, else under `sub`. */
  find(keys: SessionKeys): Promise<string[]>;
}

/** The default, in-process {@link NcConnectSessionIndex}: bounded and expiring. */
export class MemorySessionIndex implements NcConnectSessionIndex {
  private readonly entries: LRUCache<string, Set<string>>;

  constructor(max: number) {
    this.entries = new LRUCache({ max });
  }

  async add(sessionId: string, keys: SessionKeys, ttlSeconds: number): Promise<void> {
    for (const key of indexKeys(keys)) {
      const ids = this.entries.get(key) ?? new Set<string>();
      ids.add(sessionId);
      this.entries.set(key, ids, { ttl: ttlSeconds * 1000 });
    }
  }

  async find(keys: SessionKeys): Promise<string[]> {
    const [key] = indexKeys(keys);
    return key ? [...(this.entries.get(key) ?? [])] : [];
  }
}

/** The index keys of `keys`, the most precise (`sid`) first. */
function indexKeys({ sid, sub }: SessionKeys): string[] {
  return [...(sid ? [`sid:${sid}`] : []), ...(sub ? [`sub:${sub}`] : [])];
}

/** The back-channel logout index in Redis: one set of session ids per `sid` and per `sub`. */
export class RedisSessionIndex implements NcConnectSessionIndex {
  constructor(
    private readonly client: NcConnectRedisClient,
    private readonly prefix: string,
  ) {}

  async add(sessionId: string, keys: SessionKeys, ttlSeconds: number): Promise<void> {
    const multi = this.client.multi();
    for (const key of indexKeys(keys)) {
      multi.sAdd(this.prefix + key, sessionId);
      // The set lives as long as its newest session can.
      multi.expire(this.prefix + key, ttlSeconds, 'GT');
      multi.expire(this.prefix + key, ttlSeconds, 'NX');
    }
    await multi.exec();
  }

  async find(keys: SessionKeys): Promise<string[]> {
    const [key] = indexKeys(keys);
    return key ? Array.from(await this.client.sMembers(this.prefix + key), String) : [];
  }
}
