import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { MemorySessionStore, type NcConnectModuleOptions, type NcConnectSessionRecord } from 'nestjs-nc-connect';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { createClient } from 'redis';
import { advanceClock } from './support/clock.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

/** Counts the writes the library makes to its in-process store. */
class CountingStore extends MemorySessionStore {
  writes = 0;
  override touch(id: string, lastActiveAt: number, ttlMs: number) {
    this.writes++;
    return super.touch(id, lastActiveAt, ttlMs);
  }
  override update(id: string, record: NcConnectSessionRecord) {
    this.writes++;
    return super.update(id, record);
  }
}

const MINUTE = 60_000;

const LIFETIME = {
  secret: 'lifetime-secret-0123456789-0123456789',
  idleTimeout: 1800,
  maxAge: 3600,
  maxSessionsPerUser: 2,
};

const CASES = ADAPTERS.flatMap((adapter) =>
  (['in-process store', 'Redis'] as const).map((storeKind) => ({ adapter, storeKind })),
);

describe.each(CASES)('session lifetime with the $storeKind, on $adapter', ({ adapter, storeKind }) => {
  let emulator: NcConnectEmulator;
  let app: TestApp;
  let redis: RedisServer | undefined;
  let redisWrites: () => Promise<number>;
  let probe: { close(): Promise<void> } | undefined;
  const memoryStore = new CountingStore(100);

  beforeAll(async () => {
    let storeOptions: Partial<NcConnectModuleOptions> = {
      session: { ...LIFETIME, store: memoryStore },
    };
    if (storeKind === 'Redis') {
      redis = await RedisServer.start();
      const counter = createClient({ url: redis.url });
      probe = counter;
      await counter.connect();
      // Session writes, as Redis counts them: the library writes sessions only through scripts, one
      // each (an EVALSHA refused with NOSCRIPT, then retried with EVAL, counts once).
      redisWrites = async () => {
        const stats = String(await counter.sendCommand(['INFO', 'commandstats']));
        return ['evalsha', 'eval'].reduce((sum, name) => {
          const match = new RegExp(`cmdstat_${name}:calls=(\\d+),.*failed_calls=(\\d+)`).exec(stats);
          return sum + (match ? Number(match[1]) - Number(match[2]) : 0);
        }, 0);
      };
      storeOptions = {
        redis: redis.url,
        session: LIFETIME,
      };
    }
    ({ provider: emulator, app } = await startEmulatorPair({ module: storeOptions, adapter }));
  });
  afterAll(async () => {
    jest.useRealTimers();
    await probe?.close();
    await app?.close();
    await emulator?.close();
    await redis?.dispose();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const writes = () => (storeKind === 'Redis' ? redisWrites() : Promise.resolve(memoryStore.writes));
  const me = async (browser: FakeBrowser) => (await getJson(browser, `${app.url}/auth/me`)).status;

  it('writes nothing to the store on requests that change nothing', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const before = await writes();
    for (let i = 0; i < 10; i++) expect(await me(browser)).toBe(200);
    expect((await writes()) - before).toBe(0);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    advanceClock(31 * MINUTE);
    expect(await me(browser)).toBe(401);
  });

  it('keeps an active session past the idle timeout (rolling), recording activity sparingly', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const before = await writes();
    advanceClock(20 * MINUTE);
    expect(await me(browser)).toBe(200); // activity recorded: one write
    advanceClock(20 * MINUTE); // 40 minutes after login, 20 after the last activity
    expect(await me(browser)).toBe(200);
    expect((await writes()) - before).toBeGreaterThanOrEqual(1);
    expect((await writes()) - before).toBeLessThanOrEqual(2);
  });

  it('ends a session at its absolute maximum, however active', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    for (const minutes of [20, 20, 19]) {
      advanceClock(minutes * MINUTE); // 20, 40 and 59 minutes after login
      expect(await me(browser)).toBe(200);
    }
    advanceClock(2 * MINUTE); // 61 minutes after login, 2 after the last activity
    expect(await me(browser)).toBe(401);
  });

  it('drops a timed-out session, not a live one, when the user logs in once more at maxSessionsPerUser', async () => {
    const [laptop, phone, tablet] = [new FakeBrowser(), new FakeBrowser(), new FakeBrowser()];
    await logIn(laptop, app.url);
    await logIn(phone, app.url);
    advanceClock(20 * MINUTE);
    expect(await me(laptop)).toBe(200); // the laptop is in use
    advanceClock(15 * MINUTE); // the phone has been idle 35 minutes: timed out, the store still keeps it
    await logIn(tablet, app.url); // a third session of a user allowed two
    expect(await me(laptop)).toBe(200);
    expect(await me(tablet)).toBe(200);
    expect(await me(phone)).toBe(401);
  });
});
