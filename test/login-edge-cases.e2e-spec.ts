import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import {
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
} from 'nestjs-nc-connect-emulator';
import { freePort } from './support/free-port.js';
import { FakeBrowser, getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

describe('login edge cases (V3 emulator)', () => {
  let emulator: NcConnectEmulator;
  let app: TestApp;
  let client: NcConnectEmulatorClient;

  beforeAll(async () => {
    ({ provider: emulator, app, client } = await startEmulatorPair());
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  it.each([
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/%2F%2Fevil.example', '/'],
    ['/.//evil.example/phish', '/'],
    ['/a/..//evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/profile?x=1', '/profile?x=1'],
  ])('neutralises returnTo=%j (lands on %s)', async (returnTo, landing) => {
    const browser = new FakeBrowser();
    const callback = await logIn(browser, app.url, returnTo);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(landing);
  });

  it('gives the session a new id at login, whatever cookie the browser came with (no fixation)', async () => {
    const victim = new FakeBrowser();
    await logIn(victim, app.url);
    const planted = victim.cookie('nc_connect.sid')!;
    // A second login in a browser that already holds a session id gets a different one.
    const callback = await logIn(victim, app.url);
    const renewed = callback.headers.getSetCookie().find((c) => c.startsWith('nc_connect.sid='))!;
    expect(renewed.split(';')[0]).not.toBe(`nc_connect.sid=${planted}`);
    // The old id no longer opens a session.
    const stale = new FakeBrowser();
    stale.setCookie('nc_connect.sid', planted);
    expect((await getJson(stale, `${app.url}/auth/me`)).status).toBe(401);
  });

  it('lets two tabs of one browser log in at the same time', async () => {
    const browser = new FakeBrowser();
    const first = await signInAtEmulator(browser, `${app.url}/auth/login?returnTo=%2Ffirst`, app.url);
    const second = await signInAtEmulator(browser, `${app.url}/auth/login?returnTo=%2Fsecond`, app.url);
    // Completed in the reverse order.
    const secondCallback = await browser.request(second.callbackUrl);
    const firstCallback = await browser.request(first.callbackUrl);
    expect([secondCallback.status, secondCallback.headers.get('location')]).toEqual([302, '/second']);
    expect([firstCallback.status, firstCallback.headers.get('location')]).toEqual([302, '/first']);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
  });

  it('passes prompt=login through and refuses unknown prompt values', async () => {
    const browser = new FakeBrowser();
    const login = await browser.request(`${app.url}/auth/login?prompt=login`);
    expect(new URL(login.headers.get('location')!).searchParams.get('prompt')).toBe('login');
    const bad = await browser.request(`${app.url}/auth/login?prompt=evil`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'NC_CONNECT_REQUEST_INVALID' });
  });

  it('answers 401 with a friendly page when the user cancels at NC Connect', async () => {
    const browser = new FakeBrowser();
    const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url, { cancel: true });
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    const response = await browser.request(callbackUrl, { headers: HTML });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Vous avez annulé la connexion');
    expect(html).toContain('href="/auth/login"');
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
    expect(app.logs.library().some((l) => l.includes('NC_CONNECT_ACCESS_DENIED'))).toBe(true);
  });

  it('answers JSON errors to API clients and never puts a token or a code in a log line', async () => {
    const browser = new FakeBrowser();
    const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
    const code = new URL(callbackUrl).searchParams.get('code')!;
    await browser.request(callbackUrl);
    const logs = app.logs.lines.join('\n');
    expect(logs).toContain('NC_CONNECT_LOGIN_SUCCEEDED');
    expect(logs).not.toContain(code);
    expect(logs).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(logs).not.toContain(client.clientSecret);
  });

  it('does not let someone who saw the state burn the login of the browser that started it', async () => {
    const victim = new FakeBrowser();
    const { callbackUrl } = await signInAtEmulator(victim, `${app.url}/auth/login`, app.url);
    const attacker = new FakeBrowser();
    expect((await attacker.request(callbackUrl)).status).toBe(400);
    const callback = await victim.request(callbackUrl);
    expect(callback.status).toBe(302);
    expect((await getJson(victim, `${app.url}/auth/me`)).status).toBe(200);
  });

  it('does not log out on a request from another site, and offers a same-site form instead', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const forgedGet = await browser.request(`${app.url}/auth/logout`, {
      headers: { ...HTML, 'sec-fetch-site': 'cross-site' },
    });
    expect(forgedGet.status).toBe(200);
    expect(await forgedGet.text()).toContain('<form method="post" action="/auth/logout">');
    const forgedPost = await browser.request(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { accept: 'application/json', 'sec-fetch-site': 'cross-site' },
    });
    expect(forgedPost.status).toBe(403);
    expect(await forgedPost.json()).toMatchObject({ code: 'NC_CONNECT_CROSS_SITE_REQUEST' });
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);

    const confirmed = await browser.request(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { ...HTML, 'sec-fetch-site': 'same-origin' },
    });
    expect(confirmed.status).toBe(302);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
  });

  it('answers the login redirect uncacheable and without referrer', async () => {
    const login = await new FakeBrowser().request(`${app.url}/auth/login`);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses callbacks with missing or repeated parameters', async () => {
    const browser = new FakeBrowser();
    const missing = await browser.request(`${app.url}/auth/callback`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'NC_CONNECT_STATE_MISMATCH' });
    const repeated = await browser.request(`${app.url}/auth/callback?state=a&state=b&code=c`);
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({ code: 'NC_CONNECT_REQUEST_INVALID' });
  });
});

describe('validateUser hook', () => {
  let pairs: Pair<NcConnectEmulator>[] = [];

  afterEach(async () => {
    await Promise.all(pairs.map((pair) => pair.close()));
    pairs = [];
  });

  async function appWith(validateUser: (user: NcConnectUser) => unknown): Promise<TestApp> {
    const pair = await startEmulatorPair({ module: { validateUser } });
    pairs.push(pair);
    return pair.app;
  }

  it('maps the NC Connect user to the application’s own', async () => {
    const app = await appWith(async (user) => ({ id: `citizen:${user.login}`, email: user.email }));
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    expect((await getJson(browser, `${app.url}/auth/me`)).body).toEqual({
      id: 'citizen:jean.dupont',
      email: 'jean.dupont@example.nc',
    });
    expect((await getJson(browser, `${app.url}/profile`)).body).toEqual({
      user: { id: 'citizen:jean.dupont', email: 'jean.dupont@example.nc' },
      email: 'jean.dupont@example.nc',
    });
  });

  it('refuses the login with 403 when the hook returns null', async () => {
    const app = await appWith(() => null);
    const browser = new FakeBrowser();
    const callback = await logIn(browser, app.url);
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('NC_CONNECT_USER_REFUSED');
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
  });
});

describe('errorPage option', () => {
  it('renders the app’s own page for a failed login, and falls back to the default one if it throws', async () => {
    let throwing = false;
    const { app, close } = await startEmulatorPair({
      module: {
        errorPage: ({ code, status }) => {
          if (throwing) throw new Error('template missing');
          return `<!doctype html><p id="own">${code} ${status}</p>`;
        },
      },
    });
    try {
      const cancelled = async () => {
        const browser = new FakeBrowser();
        const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url, { cancel: true });
        return browser.request(callbackUrl, { headers: HTML });
      };
      const own = await cancelled();
      expect(own.status).toBe(401);
      expect(await own.text()).toBe('<!doctype html><p id="own">NC_CONNECT_ACCESS_DENIED 401</p>');

      throwing = true;
      const fallback = await cancelled();
      expect(fallback.status).toBe(401);
      expect(await fallback.text()).toContain('data-error-code="NC_CONNECT_ACCESS_DENIED"');
      expect(app.logs.library().some((l) => l.includes('errorPage threw for NC_CONNECT_ACCESS_DENIED'))).toBe(true);
    } finally {
      await close();
    }
  });
});

describe('provider availability', () => {
  it('starts while NC Connect is down, answers 503 at login, and recovers when it comes back', async () => {
    const port = await freePort();
    const providerPort = await freePort();
    const client = {
      clientId: 'late-client',
      clientSecret: 'late-client-secret-0123456789',
      redirectUris: [`http://localhost:${port}/auth/callback`],
      postLogoutRedirectUris: [],
    };
    const app = await startTestApp(
      NcConnectModule.forRoot({
        issuer: `http://localhost:${providerPort}/v3/realms/nc-connect`,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri: client.redirectUris[0],
      }),
      port,
    );
    try {
      const browser = new FakeBrowser();
      const down = await browser.request(`${app.url}/auth/login`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ code: 'NC_CONNECT_PROVIDER_UNAVAILABLE' });
      const page = await browser.request(`${app.url}/auth/login`, { headers: HTML });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('momentanément indisponible');

      const emulator = await startNcConnectEmulator({ port: providerPort, clients: [client] });
      try {
        const callback = await logIn(browser, app.url);
        expect(callback.status).toBe(302);
        expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
      } finally {
        await emulator.close();
      }
    } finally {
      await app.close();
    }
  });
});

describe('HS256 ID tokens', () => {
  it('verifies an HS256 ID token with the client secret', async () => {
    const { app, close } = await startEmulatorPair({ client: { idTokenSignedResponseAlg: 'HS256' } });
    try {
      const browser = new FakeBrowser();
      const callback = await logIn(browser, app.url);
      expect(callback.status).toBe(302);
      expect((await getJson(browser, `${app.url}/auth/me`)).body).toMatchObject({ login: 'jean.dupont' });
    } finally {
      await close();
    }
  });
});

describe('signed userinfo', () => {
  it('accepts a userinfo signed by NC Connect (application/jwt) and reads its claims', async () => {
    const { app, close } = await startEmulatorPair({
      client: { userinfoSignedResponseAlg: 'RS256' },
      emulator: { flavor: 'v2' },
      module: { scope: 'openid' },
    });
    try {
      const browser = new FakeBrowser();
      expect((await logIn(browser, app.url)).status).toBe(302);
      // V2's ID token carries only `sub`: login and e-mail can only have come from the signed userinfo.
      expect((await getJson(browser, `${app.url}/auth/me`)).body).toMatchObject({
        login: 'jean.dupont',
        email: 'jean.dupont@example.nc',
      });
    } finally {
      await close();
    }
  });
});
