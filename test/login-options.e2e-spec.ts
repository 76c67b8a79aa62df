import { afterEach, describe, expect, it } from '@jest/globals';
import { NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { freePort } from './support/free-port.js';
import { FakeBrowser, getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, startTestApp, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

describe.each(ADAPTERS)('login options and provider set-ups, on %s', (adapter) => {
  describe('validateUser hook', () => {
    let pairs: Pair<NcConnectEmulator>[] = [];

    afterEach(async () => {
      await Promise.all(pairs.map((pair) => pair.close()));
      pairs = [];
    });

    async function appWith(validateUser: (user: NcConnectUser) => unknown): Promise<TestApp> {
      const pair = await startEmulatorPair({ module: { validateUser }, adapter });
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
        adapter,
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
        adapter,
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
      const { app, close } = await startEmulatorPair({ client: { idTokenSignedResponseAlg: 'HS256' }, adapter });
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
        adapter,
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
});
