import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisSessionStore, type NcConnectSessionRecord } from 'nestjs-nc-connect';
import { sessionStoreContract } from 'nestjs-nc-connect/testing';
import { createClient } from 'redis';
import { RedisServer } from './support/redis-server.js';

/** A session record of the user `sub`, made now by the default instance. */
function recordOf(sub: string): NcConnectSessionRecord {
  const now = Date.now();
  return {
    instance: 'default',
    issuer: 'https://connect.example.nc/realms/nc-connect',
    user: { sub },
    idToken: 'x.y.z',
    sub,
    authenticatedAt: now,
    lastActiveAt: now,
  };
}

describe('sessionStoreContract, with the Redis store and a real redis-server', () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await redis?.dispose();
  });

  for (const check of sessionStoreContract(() => new RedisSessionStore(client, 'contract:', 3_600_000))) {
    it(check.name, check.run);
  }

  it('keeps no index entry for a user once every session is destroyed, and lets index sets expire', async () => {
    const store = new RedisSessionStore(client, 'bounded:', 60_000);
    const record = recordOf('one-user');
    // 300 logins of one user (issue #10 found a Redis set of 300 ids): the index stays bounded.
    for (let i = 0; i < 300; i++)
      await store.create(`id-${i}`, { ...record, sid: `sid-${i}` }, { ttlMs: 60_000, maxPerKey: 20 });
    const [subIndex] = await client.keys('bounded:session-index:*:sub:one-user');
    expect(await client.zCard(subIndex)).toBe(20);
    expect((await client.keys('bounded:session:*')).length).toBe(20);
    expect((await client.keys('bounded:session-index:*:sid:*')).length).toBe(20);
    for (const id of await store.find(record, { sub: 'one-user' }, 100)) await store.destroy(id);
    expect(await client.keys('bounded:*')).toEqual([]);
    await store.create('last', record, { ttlMs: 60_000, maxPerKey: 20 });
    expect(await client.pTTL(subIndex)).toBeGreaterThan(0);
  });

  it("never ends the session it creates, even when Redis's clock put it first", async () => {
    const store = new RedisSessionStore(client, 'clock:', 60_000);
    const record = recordOf('u');
    await store.create('first', record, { ttlMs: 60_000, maxPerKey: 1 });
    // An older session scored in the future (another instance's clock, or the same millisecond).
    const [subIndex] = await client.keys('clock:session-index:*:sub:u');
    await client.zAdd(subIndex, { score: Date.now() + 60_000, value: 'first' });
    expect(await store.create('second', record, { ttlMs: 60_000, maxPerKey: 1 })).toBe(true);
    expect(await store.get('second')).toBeDefined();
    expect(await store.get('first')).toBeUndefined();
  });

  it('starts clear of the keys of versions before 0.2 (express-session), whose types differ', async () => {
    await client.sAdd('upgrade:idx:sub:u', 'old-session-id');
    await client.set('upgrade:sess:old-session-id', '{"cookie":{}}');
    const store = new RedisSessionStore(client, 'upgrade:', 60_000);
    const record = recordOf('u');
    expect(await store.create('new', record, { ttlMs: 60_000, maxPerKey: 20 })).toBe(true);
    expect(await store.find(record, { sub: 'u' }, 10)).toEqual(['new']);
  });
});
