import { LRUCache } from 'lru-cache';
import type { NcConnectRedisClient } from '../redis/nc-connect-redis-client.js';
import { withDeadline } from '../redis/redis-deadline.js';

/**
 * The logout tokens already used, by `jti`, so that a captured one cannot be replayed while it is
 * still acceptable (its `iat` is at most 10 minutes old).
 */
export interface LogoutTokenReplay {
  /** `true` the first time `jti` is seen within `ttlSeconds`, `false` after. */
  firstUse(jti: string, ttlSeconds: number): Promise<boolean>;
}

/** In this process, bounded (the oldest ids go first when full). */
export class MemoryLogoutTokenReplay implements LogoutTokenReplay {
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });

  async firstUse(jti: string, ttlSeconds: number): Promise<boolean> {
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, true, { ttl: ttlSeconds * 1000 });
    return true;
  }
}

/** In Redis, shared by every instance: `SET NX` with a time to live, atomic. */
export class RedisLogoutTokenReplay implements LogoutTokenReplay {
  constructor(
    private readonly client: NcConnectRedisClient,
    private readonly prefix: string,
  ) {}

  async firstUse(jti: string, ttlSeconds: number): Promise<boolean> {
    const set = await withDeadline(
      this.client.set(this.prefix + jti, '1', { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } }),
    );
    return set !== null;
  }
}
