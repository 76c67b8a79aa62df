import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NcConnectModule } from 'nestjs-nc-connect';
import {
  DEMO_PERSONAS,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectPersona,
} from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { confirmLogoutAtEmulator, getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { ADAPTERS, startTestApp, type TestApp } from './support/test-app.js';

const SECRET = 'a-secret-shared-by-every-instance-0123456789';
const PERSONAS: NcConnectPersona[] = [
  ...DEMO_PERSONAS,
  ...Array.from({ length: 200 }, (_, i) => ({
    login: `citoyen.${String(i).padStart(3, '0')}`,
    given_name: `Citoyen ${i}`,
    family_name: 'Test',
    email: `citoyen.${i}@example.nc`,
    verified: 1 as const,
  })),
];

/** `url` with its origin replaced by `origin` (a load balancer sending the request elsewhere). */
function on(origin: string, url: string): string {
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}`;
}

/** Polls until `check` holds (Redis reconnecting); fails with the last value after 20 s. */
async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  let value = await probe();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

describe.each(ADAPTERS)('several instances sharing one Redis, on %s', (adapter) => {
  let redis: RedisServer;
  let emulator: NcConnectEmulator;
  let a: TestApp;
  let b: TestApp;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    redis = await RedisServer.start();
    const [portA, portB] = [await freePort(), await freePort()];
    // Both instances answer for one public origin (instance A's here); the tests route each
    // request to A or B by rewriting its origin, as a load balancer would.
    const client = {
      clientId: 'cluster-client',
      clientSecret: 'cluster-client-secret-0123456789',
      redirectUris: [`http://localhost:${portA}/auth/callback`],
      postLogoutRedirectUris: [`http://localhost:${portA}/`],
      backchannelLogoutUri: `http://localhost:${portA}/auth/backchannel-logout`,
    };
    emulator = await startNcConnectEmulator({ clients: [client], personas: PERSONAS });
    const options = {
      issuer: emulator.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: client.redirectUris[0],
      postLogoutRedirectUri: client.postLogoutRedirectUris[0],
      redis: redis.url,
      session: { secret: SECRET },
    };
    a = await startTestApp(NcConnectModule.forRoot(options), portA, adapter);
    b = await startTestApp(NcConnectModule.forRoot(options), portB, adapter);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.close();
    await redis?.dispose();
    process.off('unhandledRejection', onRejection);
  });

  it('finishes on one instance a login started on the other, and both see the user', async () => {
    const browser = new FakeBrowser();
    const { callbackUrl } = await signInAtEmulator(browser, `${a.url}/auth/login?returnTo=%2Fprofile`, a.url);
    const callback = await browser.request(on(b.url, callbackUrl), { headers: HTML });
    expect([callback.status, callback.headers.get('location')]).toEqual([302, '/profile']);
    expect((await getJson(browser, `${a.url}/auth/me`)).body).toMatchObject({ login: 'jean.dupont' });
    expect((await getJson(browser, `${b.url}/auth/me`)).body).toMatchObject({ login: 'jean.dupont' });
  });

  it('ends the session everywhere when the user logs out on one instance', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, a.url);
    expect((await getJson(browser, `${b.url}/auth/me`)).status).toBe(200);
    expect((await browser.request(`${b.url}/auth/logout`)).status).toBe(302);
    expect((await getJson(browser, `${a.url}/auth/me`)).status).toBe(401);
  });

  it('ends the session on every instance on a back-channel logout received by one of them', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, a.url);
    const discovery = (await (await fetch(`${emulator.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    await confirmLogoutAtEmulator(browser, discovery.end_session_endpoint);
    expect((await getJson(browser, `${a.url}/auth/me`)).status).toBe(401);
    expect((await getJson(browser, `${b.url}/auth/me`)).status).toBe(401);
  });

  it('answers 503 while Redis is down, keeps public routes up, and serves the same session when it is back', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, a.url);
    await redis.stop();
    try {
      for (const app of [a, b]) {
        const me = await getJson(browser, `${app.url}/auth/me`);
        expect([me.status, me.body.code]).toEqual([503, 'NC_CONNECT_SESSION_UNAVAILABLE']);
        const login = await getJson(browser, `${app.url}/auth/login`);
        expect([login.status, login.body.code]).toEqual([503, 'NC_CONNECT_SESSION_UNAVAILABLE']);
        expect((await getJson(browser, `${app.url}/open`)).status).toBe(200);
      }
      const page = await browser.request(`${b.url}/profile`, { headers: HTML });
      expect(page.status).toBe(503);
    } finally {
      await redis.restart();
    }
    for (const app of [a, b]) {
      const me = await eventually(
        () => getJson(browser, `${app.url}/auth/me`),
        (r) => r.status !== 503,
      );
      expect(me.body).toMatchObject({ login: 'jean.dupont' });
    }
    // Nest's logger is process-wide: the lines of both instances land in the last one created.
    const lines = [...a.logs.library(), ...b.logs.library()];
    expect(lines.filter((l) => l.includes('Redis is unreachable'))).not.toEqual([]);
  });

  it('keeps 200 concurrent logins of distinct personas apart', async () => {
    const logins = PERSONAS.slice(DEMO_PERSONAS.length).map(async (persona, i) => {
      const browser = new FakeBrowser();
      const [start, finish] = i % 2 === 0 ? [a, b] : [b, a];
      const { callbackUrl } = await signInAtEmulator(browser, `${start.url}/auth/login`, a.url, {
        login: persona.login,
        password: 'nc-connect',
      });
      const callback = await browser.request(on(finish.url, callbackUrl));
      expect(callback.status).toBe(302);
      const me = await getJson(browser, `${start.url}/auth/me`);
      return { expected: persona.login, got: me.body.login, email: me.body.email };
    });
    const results = await Promise.all(logins);
    expect(results.filter((r) => r.got !== r.expected)).toEqual([]);
    expect(new Set(results.map((r) => r.email)).size).toBe(200);
  }, 120_000);

  it('never let a rejection go unhandled', () => {
    expect(rejections).toEqual([]);
  });
});
