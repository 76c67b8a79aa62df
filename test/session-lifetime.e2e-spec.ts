import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import session from 'express-session';
import { BoundedMemoryStore, NcConnectModule } from 'nestjs-nc-connect';
import { startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { createClient } from 'redis';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { getJson, logIn } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Counts the writes the library makes to its in-process store. */
class CountingStore extends BoundedMemoryStore {
  writes = 0;
  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.writes++;
    super.set(sid, data, callback);
  }
}

const MINUTE = 60_000;

/** Moves the clock of this process (app included) forward by `ms` from where it is; timers stay real. */
function advance(ms: number): void {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    now: Date.now() + ms,
  });
}

describe.each(['in-process store', 'Redis'] as const)('session lifetime with the %s', (storeKind) => {
  let emulator: NcConnectEmulator;
  let app: TestApp;
  let redis: RedisServer | undefined;
  let redisWrites: () => Promise<number>;
  let probe: { close(): Promise<void> } | undefined;
  const memoryStore = new CountingStore(100);

  beforeAll(async () => {
    const port = await freePort();
    const client = {
      clientId: 'lifetime-client',
      clientSecret: 'lifetime-client-secret-0123456789',
      redirectUris: [`http://localhost:${port}/auth/callback`],
      postLogoutRedirectUris: [`http://localhost:${port}/`],
    };
    emulator = await startNcConnectEmulator({ clients: [client] });
    let storeOptions: object = {
      session: { secret: 'lifetime-secret-0123456789-0123456789', idleTimeout: 1800, maxAge: 3600, store: memoryStore },
    };
    if (storeKind === 'Redis') {
      redis = await RedisServer.start();
      const counter = createClient({ url: redis.url });
      probe = counter;
      await counter.connect();
      // Writes to session keys, as Redis itself counts them.
      redisWrites = async () => {
        const stats = String(await counter.sendCommand(['INFO', 'commandstats']));
        return ['set', 'setex', 'expire', 'pexpire'].reduce((sum, name) => {
          const match = new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats);
          return sum + (match ? Number(match[1]) : 0);
        }, 0);
      };
      storeOptions = {
        redis: redis.url,
        session: { secret: 'lifetime-secret-0123456789-0123456789', idleTimeout: 1800, maxAge: 3600 },
      };
    }
    app = await startTestApp(
      NcConnectModule.forRoot({
        issuer: emulator.issuer,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri: client.redirectUris[0],
        ...storeOptions,
      }),
      port,
    );
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
    advance(31 * MINUTE);
    expect(await me(browser)).toBe(401);
  });

  it('keeps an active session past the idle timeout (rolling), recording activity sparingly', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const before = await writes();
    advance(20 * MINUTE);
    expect(await me(browser)).toBe(200); // activity recorded: one write
    advance(20 * MINUTE); // 40 minutes after login, 20 after the last activity
    expect(await me(browser)).toBe(200);
    expect((await writes()) - before).toBeGreaterThanOrEqual(1);
    expect((await writes()) - before).toBeLessThanOrEqual(2);
  });

  it('ends a session at its absolute maximum, however active', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    for (const minutes of [20, 20, 19]) {
      advance(minutes * MINUTE); // 20, 40 and 59 minutes after login
      expect(await me(browser)).toBe(200);
    }
    advance(2 * MINUTE); // 61 minutes after login, 2 after the last activity
    expect(await me(browser)).toBe(401);
  });
});
