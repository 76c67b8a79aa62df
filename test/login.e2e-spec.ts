import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectFlavor,
} from 'nestjs-nc-connect-emulator';
import type { NcConnectTokenEndpointAuthMethod } from 'nestjs-nc-connect';
import { freePort } from './support/free-port.js';
import { confirmLogoutAtEmulator, FakeBrowser, getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import {
  ncConnectImport,
  REGISTRATIONS,
  startTestApp,
  type Registration,
  type TestAdapter,
  type TestApp,
} from './support/test-app.js';

interface Scenario {
  flavor: NcConnectFlavor;
  method: NcConnectTokenEndpointAuthMethod;
  registration: Registration;
  adapter: TestAdapter;
}

// Every flavour and client-authentication method, and every registration style (not the full
// product: each registration style is exercised once per flavour), on Express; on Fastify, both
// flavours and both methods with forRoot (the registration style does not depend on the adapter).
const scenarios: Scenario[] = [
  { flavor: 'v3', method: 'client_secret_basic', registration: REGISTRATIONS[0], adapter: 'express' },
  { flavor: 'v3', method: 'client_secret_post', registration: REGISTRATIONS[1], adapter: 'express' },
  { flavor: 'v2', method: 'client_secret_basic', registration: REGISTRATIONS[2], adapter: 'express' },
  { flavor: 'v2', method: 'client_secret_post', registration: REGISTRATIONS[3], adapter: 'express' },
  { flavor: 'v3', method: 'client_secret_basic', registration: REGISTRATIONS[3], adapter: 'express' },
  { flavor: 'v2', method: 'client_secret_post', registration: REGISTRATIONS[0], adapter: 'express' },
  { flavor: 'v3', method: 'client_secret_basic', registration: 'forRoot', adapter: 'fastify' },
  { flavor: 'v2', method: 'client_secret_post', registration: 'forRoot', adapter: 'fastify' },
];

describe.each(scenarios)(
  'login with NC Connect $flavor, $method, $registration, on $adapter',
  ({ flavor, method, registration, adapter }) => {
    let emulator: NcConnectEmulator;
    let app: TestApp;

    beforeAll(async () => {
      const port = await freePort();
      const client: NcConnectEmulatorClient = {
        clientId: `client-${method}`,
        clientSecret: `secret-of-${method}-client`,
        redirectUris: [`http://localhost:${port}/auth/callback`],
        postLogoutRedirectUris: [`http://localhost:${port}/`],
        tokenEndpointAuthMethod: method,
      };
      emulator = await startNcConnectEmulator({ flavor, clients: [client] });
      app = await startTestApp(
        ncConnectImport(registration, {
          issuer: emulator.issuer,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          redirectUri: client.redirectUris[0],
          postLogoutRedirectUri: client.postLogoutRedirectUris[0],
          tokenEndpointAuthMethod: method,
          scope: flavor === 'v2' ? 'openid' : 'openid profile email',
        }),
        port,
        adapter,
      );
    });
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('sends an anonymous browser to login and brings it back to the page it asked for', async () => {
      const browser = new FakeBrowser();
      const guarded = await browser.request(`${app.url}/profile?tab=1`, { headers: HTML });
      expect(guarded.status).toBe(302);
      const loginPath = guarded.headers.get('location')!;
      expect(loginPath).toBe('/auth/login?returnTo=%2Fprofile%3Ftab%3D1');

      const { callbackUrl, authorizationUrl } = await signInAtEmulator(browser, `${app.url}${loginPath}`, app.url);
      const params = authorizationUrl.searchParams;
      expect(params.get('response_type')).toBe('code');
      expect(params.get('code_challenge_method')).toBe('S256');
      expect(params.get('state')!.length).toBeGreaterThanOrEqual(32);
      expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(32);
      expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);

      const callback = await browser.request(callbackUrl, { headers: HTML });
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/profile?tab=1');
      const sessionCookie = callback.headers.getSetCookie().find((c) => c.startsWith('nc_connect.sid='));
      expect(sessionCookie).toMatch(/HttpOnly/i);
      expect(sessionCookie).toMatch(/SameSite=Lax/i);

      const profile = await getJson(browser, `${app.url}/profile`);
      expect(profile.status).toBe(200);
      expect(profile.body.email).toBe('jean.dupont@example.nc');
    });

    it('serves the normalised user at /auth/me, without any token', async () => {
      const browser = new FakeBrowser();
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
      await logIn(browser, app.url);
      const me = await getJson(browser, `${app.url}/auth/me`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ login: 'jean.dupont', email: 'jean.dupont@example.nc' });
      expect(typeof me.body.sub).toBe('string');
      if (flavor === 'v3') {
        expect(me.body).toMatchObject({
          givenName: 'Jean Pierre',
          firstName: 'Jean',
          familyName: 'Dupont',
          verified: 2,
          emailVerified: true,
        });
      } else {
        // V2 with scope=openid: the nested userinfo of the French integration page.
        expect(me.body.claims).toMatchObject({
          login: 'jean.dupont',
          info: { openid: { Email: 'jean.dupont@example.nc' } },
        });
      }
      expect(JSON.stringify(me.body)).not.toMatch(/"(access_token|id_token|refresh_token)"|eyJ/);
    });

    it('refuses a replayed callback, in the same browser and in another one', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      expect((await browser.request(callbackUrl)).status).toBe(302);
      const again = await browser.request(callbackUrl);
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ code: 'NC_CONNECT_STATE_MISMATCH' });
      const elsewhere = new FakeBrowser();
      const replayed = await elsewhere.request(callbackUrl);
      expect(replayed.status).toBe(400);
      expect((await getJson(elsewhere, `${app.url}/auth/me`)).status).toBe(401);
    });

    it('refuses a callback carrying another login’s state (login CSRF)', async () => {
      const attacker = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(attacker, `${app.url}/auth/login`, app.url);
      const victim = new FakeBrowser();
      await victim.request(`${app.url}/auth/login`); // the victim has a login of its own in progress
      const forged = await victim.request(callbackUrl, { headers: HTML });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('NC_CONNECT_STATE_MISMATCH');
      expect((await getJson(victim, `${app.url}/auth/me`)).status).toBe(401);
    });

    it('refuses a forged state', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      const forged = new URL(callbackUrl);
      forged.searchParams.set('state', 'f'.repeat(43));
      const response = await browser.request(forged.href);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'NC_CONNECT_STATE_MISMATCH' });
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
    });

    it('ends the session at logout and sends the browser to end-session with id_token_hint', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const logout = await browser.request(`${app.url}/auth/logout`, { headers: HTML });
      expect(logout.status).toBe(302);
      const endSession = new URL(logout.headers.get('location')!);
      expect(endSession.href.startsWith(emulator.issuer)).toBe(true);
      expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${app.url}/`);
      expect(endSession.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);

      // NC Connect accepts the hint, ends its own session and comes back to the post-logout URI.
      const back = new URL(await confirmLogoutAtEmulator(browser, endSession.href));
      expect(`${back.origin}${back.pathname}`).toBe(`${app.url}/`);
      expect(back.searchParams.get('state')).toBe(endSession.searchParams.get('state'));
    });
  },
);
