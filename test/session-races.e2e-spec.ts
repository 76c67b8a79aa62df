import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NcConnectModuleOptions } from 'nestjs-nc-connect';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { advanceClock } from './support/clock.js';
import { FakeBrowser } from './support/fake-browser.js';
import { logIn } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { HeldController, logOutAtEmulator, resentCookie, statusOf, whileHeld } from './support/session-helpers.js';
import type { TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startEmulatorPair, startFaultPair } from './support/test-pairs.js';

const MINUTE = 60_000;
const COOKIE = 'nc_connect.sid';
// Activity is recorded at most once per tenth of the idle timeout (3 minutes here).
const SESSION = { secret: 'races-secret-0123456789-0123456789', idleTimeout: 1800, maxAge: 3600 };
/** A session that has ended and stays ended. */
const ENDED = { setCookie: undefined, me: 401, staleCookie: 401 };

describe.each(['in-process store', 'Redis'] as const)('a session ended during one of its requests, %s', (storeKind) => {
  let redis: RedisServer | undefined;
  const store = (): Partial<NcConnectModuleOptions> => (redis ? { redis: redis.url } : {});

  beforeAll(async () => {
    if (storeKind === 'Redis') redis = await RedisServer.start();
  });
  afterAll(async () => {
    jest.useRealTimers();
    await redis?.dispose();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /**
   * After the race: the cookie the in-flight request's answer set, if any, and whether the session
   * answers, for this browser and for the cookie it held before the race.
   */
  async function aftermath(app: TestApp, browser: FakeBrowser, cookieBefore: string, held: Response) {
    const stale = new FakeBrowser();
    stale.setCookie(COOKIE, cookieBefore);
    const me = (b: FakeBrowser) => statusOf(b, `${app.url}/auth/me`);
    return { setCookie: resentCookie(held, COOKIE), me: await me(browser), staleCookie: await me(stale) };
  }

  // One app at a time: two apps of the default instance in one process would share Passport's strategy.
  describe('a guarded request in flight', () => {
    let emulator: NcConnectEmulator;
    let app: TestApp;

    beforeAll(async () => {
      ({ provider: emulator, app } = await startEmulatorPair({
        client: (port) => ({ backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout` }),
        module: { session: SESSION, ...store() },
        extras: { controllers: [HeldController] },
      }));
    });
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    const me = (browser: FakeBrowser) => statusOf(browser, `${app.url}/auth/me`);
    /** More than a tenth of the idle timeout since the login: the held request is due to record activity. */
    const activityDue = async () => advanceClock(4 * MINUTE);

    it.each<[string, (browser: FakeBrowser) => Promise<void>, (browser: FakeBrowser) => Promise<void>]>([
      [
        'the user logs out',
        activityDue,
        async (browser) => expect((await browser.request(`${app.url}/auth/logout`)).status).toBe(302),
      ],
      [
        'NC Connect sends a back-channel logout',
        activityDue,
        async (browser) => {
          await logOutAtEmulator(browser, emulator.issuer);
          expect(await me(browser)).toBe(401);
        },
      ],
      [
        'the idle timeout passes',
        activityDue,
        async (browser) => {
          advanceClock(31 * MINUTE); // 31 minutes after the held request started, 35 after login
          expect(await me(browser)).toBe(401);
        },
      ],
      [
        'the absolute timeout passes',
        async (browser) => {
          advanceClock(20 * MINUTE);
          expect(await me(browser)).toBe(200); // activity 20 minutes after login
          advanceClock(20 * MINUTE); // 40 minutes after login: the held request records activity
        },
        async (browser) => {
          advanceClock(21 * MINUTE); // 61 minutes after login, 21 after the held request started
          expect(await me(browser)).toBe(401);
        },
      ],
    ])('stays ended when %s meanwhile', async (_race, prepare, end) => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const cookieBefore = browser.cookie(COOKIE)!;
      await prepare(browser);
      const held = await whileHeld(browser, app.url, () => end(browser));
      expect(await aftermath(app, browser, cookieBefore, held)).toEqual(ENDED);
    });
  });

  describe('a token refresh in flight (keepTokens)', () => {
    let provider: FaultProvider;
    let app: TestApp;

    beforeAll(async () => {
      ({ provider, app } = await startFaultPair({ module: { session: SESSION, keepTokens: true, ...store() } }));
    });
    afterAll(async () => {
      await app?.close();
      await provider?.close();
    });

    it('stays ended when the user logs out meanwhile', async () => {
      const browser = new FakeBrowser();
      provider.faults = { accessTokenLifetime: 90 };
      expect((await loginThroughFaultProvider(browser, app)).status).toBe(302);
      const cookieBefore = browser.cookie(COOKIE)!;
      advanceClock(2 * MINUTE); // the access token has expired
      provider.faults = { refresh: { delayMs: 2000 } };
      const refreshes = provider.counts.refresh ?? 0;
      const held = browser.request(`${app.url}/token`, { headers: { accept: 'application/json' } });
      // The refresh has reached NC Connect, which answers 2 s later.
      for (let tries = 0; (provider.counts.refresh ?? 0) === refreshes; tries++) {
        if (tries > 500) throw new Error('the app never asked NC Connect for a refresh');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await browser.request(`${app.url}/auth/logout`)).status).toBe(302);
      expect(await aftermath(app, browser, cookieBefore, await held)).toEqual(ENDED);
    });
  });
});
