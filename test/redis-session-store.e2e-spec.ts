import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisSessionStore, type NcConnectRedisClient, type NcConnectSessionRecord } from 'nestjs-nc-connect';
import { sessionStoreContract } from 'nestjs-nc-connect/testing';
import { createClient } from 'redis';
import { RedisServer } from './support/redis-server.js';

describe('sessionStoreContract, with the Redis store and a real redis-server', () => {
  let redis: RedisServer;
  let client: NcConnectRedisClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = createClient({ url: redis.url }) as NcConnectRedisClient;
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
    const record: NcConnectSessionRecord = {
      instance: 'default',
      issuer: 'https://connect.example.nc/realms/nc-connect',
      user: { sub: 'one-user' },
      idToken: 'x.y.z',
      sub: 'one-user',
      authenticatedAt: Date.now(),
      lastActiveAt: Date.now(),
    };
    // 300 logins of one user (issue #10 found a Redis set of 300 ids): the index stays bounded.
    for (let i = 0; i < 300; i++)
      await store.create(`id-${i}`, { ...record, sid: `sid-${i}` }, { ttlMs: 60_000, maxPerKey: 20 });
    expect(await client.zCard('bounded:idx:sub:one-user')).toBe(20);
    expect((await client.keys('bounded:sess:*')).length).toBe(20);
    expect((await client.keys('bounded:idx:sid:*')).length).toBe(20);
    for (const id of await store.find({ sub: 'one-user' }, 100)) await store.destroy(id);
    expect(await client.keys('bounded:*')).toEqual([]);
    await store.create('last', record, { ttlMs: 60_000, maxPerKey: 20 });
    expect(await client.pTTL('bounded:idx:sub:one-user')).toBeGreaterThan(0);
  });
});
