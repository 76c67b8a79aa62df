import { LRUCache } from 'lru-cache';
import type { NcConnectSessionRecord } from './nc-connect-session.js';
import { indexKeys } from './session-index-keys.js';
import type { NcConnectSessionStore, SessionCreateOptions, SessionKeys, SessionOwner } from './session-store.js';

/** A copy of `value` through JSON (as any shared store would keep it), deeply frozen. */
function frozenCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'object' && v !== null ? Object.freeze(v) : v,
  ) as T;
}

/**
 * The default store: in this process, bounded to `maxSessions` (the least recently used session
 * goes first when full), each record expiring with its time to live. Records are kept as frozen
 * copies, so that no request can change another's. One process only: use Redis to run several.
 */
export class MemorySessionStore implements NcConnectSessionStore {
  private readonly records: LRUCache<string, NcConnectSessionRecord>;
  /** Index key (owner and `sub` or `sid`) → ids, oldest first; an id leaves when its record does. */
  private readonly index = new Map<string, Set<string>>();

  constructor(maxSessions: number) {
    this.records = new LRUCache({
      max: maxSessions,
      // Whatever removes a record (destroy, eviction, expiry) removes its index entries; a
      // replacement by touch or update keeps them.
      dispose: (record, id, reason) => {
        if (reason !== 'set') this.unindex(id, record);
      },
    });
  }

  async create(id: string, record: NcConnectSessionRecord, options: SessionCreateOptions): Promise<boolean> {
    if (this.records.has(id)) return false;
    this.records.set(id, frozenCopy(record), { ttl: options.ttlMs });
    for (const key of indexKeys(record, record)) {
      const ids = this.index.get(key) ?? new Set<string>();
      this.index.set(key, ids);
      ids.add(id);
      for (const old of ids) {
        // Oldest first; the new id is the last one, and is never reached while maxPerKey >= 1.
        if (ids.size <= options.maxPerKey || old === id) break;
        this.records.delete(old); // its dispose removes it from `ids`
        ids.delete(old);
      }
    }
    return true;
  }

  async get(id: string): Promise<NcConnectSessionRecord | undefined> {
    return this.records.get(id, { updateAgeOnGet: false });
  }

  async touch(id: string, lastActiveAt: number, ttlMs: number): Promise<boolean> {
    const record = this.records.get(id, { updateAgeOnGet: false });
    if (!record) return false;
    this.records.set(id, Object.freeze({ ...record, lastActiveAt }), { ttl: ttlMs });
    return true;
  }

  async update(id: string, record: NcConnectSessionRecord): Promise<boolean> {
    const current = this.records.get(id, { updateAgeOnGet: false });
    if (!current) return false;
    const ttl = this.records.getRemainingTTL(id);
    this.records.set(id, frozenCopy({ ...record, lastActiveAt: current.lastActiveAt }), { ttl });
    return true;
  }

  async destroy(id: string): Promise<boolean> {
    return this.records.delete(id);
  }

  async find(owner: SessionOwner, keys: SessionKeys, limit: number): Promise<string[]> {
    const [key] = indexKeys(owner, keys);
    const ids = key ? this.index.get(key) : undefined;
    if (!ids) return [];
    const found: string[] = [];
    for (const id of ids) {
      if (found.length >= limit) break;
      // An expired record not yet purged is not live (it leaves the index when lru-cache purges it).
      if (this.records.has(id)) found.push(id);
    }
    return found;
  }

  /**
   * How many records this store holds that `live` accepts (all of them by default), expired ones
   * aside: the library's active-sessions gauge.
   */
  countSessions(live: (record: NcConnectSessionRecord) => boolean = () => true): number {
    let count = 0;
    for (const record of this.records.values()) if (live(record)) count++;
    return count;
  }

  /** Removes `id` from the index entries of `record`. */
  private unindex(id: string, record: NcConnectSessionRecord): void {
    for (const key of indexKeys(record, record)) {
      const ids = this.index.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.index.delete(key);
    }
  }
}
