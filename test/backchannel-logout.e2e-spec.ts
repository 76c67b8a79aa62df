import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { confirmLogoutAtEmulator, getJson, logIn } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startEmulatorPair, startFaultPair } from './support/test-pairs.js';

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Logging in through the fault provider, and posting logout tokens it signs to the app. */
function logoutTokenKit(pair: () => { provider: FaultProvider; app: TestApp }) {
  /** A browser logged in through the fault provider, and the claims of its ID token. */
  async function loggedIn(): Promise<{ browser: FakeBrowser; sub: string; sid: string }> {
    const browser = new FakeBrowser();
    expect((await loginThroughFaultProvider(browser, pair().app)).status).toBe(302);
    const claims = pair().provider.lastIdTokenClaims!;
    return { browser, sub: claims.sub as string, sid: claims.sid as string };
  }

  function claimsFor(keys: { sub?: string; sid?: string }): Record<string, unknown> {
    return {
      iss: pair().provider.issuer,
      aud: pair().provider.client.clientId,
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      events: { [EVENT]: {} },
      ...keys,
    };
  }

  function post(token: string | undefined): Promise<Response> {
    return fetch(`${pair().app.url}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: token === undefined ? '' : new URLSearchParams({ logout_token: token }).toString(),
    });
  }

  return { loggedIn, claimsFor, post };
}

describe.each(ADAPTERS)('back-channel logout, on %s', (adapter) => {
  describe('back-channel logout from the NC Connect emulator', () => {
    let emulator: NcConnectEmulator;
    let app: TestApp;

    beforeAll(async () => {
      ({ provider: emulator, app } = await startEmulatorPair({
        client: (port) => ({ backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout` }),
        adapter,
      }));
    });
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('ends the app session when the user logs out at NC Connect itself', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const me = await getJson(browser, `${app.url}/auth/me`);
      expect(me.status).toBe(200);
      expect(typeof (me.body.claims as Record<string, unknown>).sid).toBe('string');

      // The citizen logs out on NC Connect's own site, not through the app.
      const endSession = (await (await fetch(`${emulator.issuer}/.well-known/openid-configuration`)).json()) as {
        end_session_endpoint: string;
      };
      await confirmLogoutAtEmulator(browser, endSession.end_session_endpoint);

      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
      expect(app.logs.library().some((line) => /NC_CONNECT_BACKCHANNEL_LOGOUT sid=\S+ sessions=1/.test(line))).toBe(
        true,
      );
    });
  });

  describe('back-channel logout tokens', () => {
    let provider: FaultProvider;
    let app: TestApp;

    beforeAll(async () => {
      // Pinned, so that an ES256 token is "the wrong algorithm" although the provider advertises it.
      ({ provider, app } = await startFaultPair({ module: { idTokenSignedResponseAlg: 'RS256' }, adapter }));
    });
    afterAll(async () => {
      await app?.close();
      await provider?.close();
    });

    const { loggedIn, claimsFor, post } = logoutTokenKit(() => ({ provider, app }));

    it('ends the session of the sid, and only that one', async () => {
      const first = await loggedIn();
      const second = await loggedIn();
      const response = await post(await provider.sign(claimsFor({ sid: first.sid }), 'RS256'));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await getJson(first.browser, `${app.url}/auth/me`)).status).toBe(401);
      expect((await getJson(second.browser, `${app.url}/auth/me`)).status).toBe(200);
    });

    it('ends every session of the user when only sub is given', async () => {
      const first = await loggedIn();
      const second = await loggedIn();
      expect(first.sub).toBe(second.sub);
      expect((await post(await provider.sign(claimsFor({ sub: first.sub }), 'RS256'))).status).toBe(200);
      expect((await getJson(first.browser, `${app.url}/auth/me`)).status).toBe(401);
      expect((await getJson(second.browser, `${app.url}/auth/me`)).status).toBe(401);
    });

    it.each<
      [string, (claims: Record<string, unknown>) => Record<string, unknown>, 'RS256' | 'ES256' | 'none' | 'HS256']
    >([
      ['alg none', (c) => c, 'none'],
      ['an HMAC made with the client secret (HS256, not pinned)', (c) => c, 'HS256'],
      ['the wrong algorithm', (c) => c, 'ES256'],
      ['no events', ({ events: _events, ...c }) => c, 'RS256'],
      ['another event', (c) => ({ ...c, events: { 'http://schemas.openid.net/event/other': {} } }), 'RS256'],
      ['a nonce', (c) => ({ ...c, nonce: 'n-0123456789' }), 'RS256'],
      ['the wrong aud', (c) => ({ ...c, aud: 'another-service' }), 'RS256'],
      ['the wrong iss', (c) => ({ ...c, iss: `${String(c.iss)}x` }), 'RS256'],
      ['neither sid nor sub', ({ sid: _sid, sub: _sub, ...c }) => c, 'RS256'],
      ['no jti', ({ jti: _jti, ...c }) => c, 'RS256'],
      ['an iat an hour old', (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 3600 }), 'RS256'],
    ])('refuses a logout token with %s (400), and the session lives on', async (_case, alter, alg) => {
      const user = await loggedIn();
      const response = await post(await provider.sign(alter(claimsFor({ sid: user.sid, sub: user.sub })), alg));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'NC_CONNECT_LOGOUT_TOKEN_INVALID' });
      expect((await getJson(user.browser, `${app.url}/auth/me`)).status).toBe(200);
    });

    it('refuses a logout token used twice (its jti is remembered): a later session of the user lives on', async () => {
      const first = await loggedIn();
      const token = await provider.sign(claimsFor({ sub: first.sub }), 'RS256');
      expect((await post(token)).status).toBe(200);
      const later = await loggedIn();
      const replay = await post(token);
      expect(replay.status).toBe(400);
      expect(await replay.json()).toMatchObject({ code: 'NC_CONNECT_LOGOUT_TOKEN_INVALID' });
      expect((await getJson(later.browser, `${app.url}/auth/me`)).status).toBe(200);
    });

    it('refuses a request without a logout token (400)', async () => {
      expect((await post(undefined)).status).toBe(400);
    });

    it('refuses a logout token with a broken signature (400)', async () => {
      const user = await loggedIn();
      const token = await provider.sign(claimsFor({ sid: user.sid }), 'RS256');
      const [header, payload, signature] = token.split('.');
      const broken = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      expect((await post(broken)).status).toBe(400);
      expect((await getJson(user.browser, `${app.url}/auth/me`)).status).toBe(200);
    });
  });

  describe('back-channel logout token algorithms, when the app pins none', () => {
    let provider: FaultProvider;
    let app: TestApp;
    beforeAll(async () => {
      ({ provider, app } = await startFaultPair({ adapter }));
    });
    afterAll(async () => {
      await app?.close();
      await provider?.close();
    });
    const { loggedIn, claimsFor, post } = logoutTokenKit(() => ({ provider, app }));

    it.each<['RS256' | 'ES256' | 'HS256', number]>([
      ['RS256', 200],
      ['ES256', 200],
      // The provider advertises HS256, as Keycloak does; an HMAC made with the client secret would
      // let anyone holding that secret log any user out.
      ['HS256', 400],
    ])('answers a logout token signed %s with %i', async (alg, status) => {
      const user = await loggedIn();
      expect((await post(await provider.sign(claimsFor({ sid: user.sid, sub: user.sub }), alg))).status).toBe(status);
      expect((await getJson(user.browser, `${app.url}/auth/me`)).status).toBe(status === 200 ? 401 : 200);
    });
  });
});
