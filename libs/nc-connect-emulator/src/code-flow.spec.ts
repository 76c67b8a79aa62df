import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import {
  authorizationRequest,
  discover,
  exchangeCode,
  followToApp,
  logIn,
  openLoginPage,
  type Discovery,
} from '../test/code-flow.js';
import { FakeBrowser } from '../../../test/support/fake-browser.js';
import {
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectFlavor,
} from './index.js';

const APP = 'http://localhost:3999';
const basic: NcConnectEmulatorClient = { ...demoClientFor(3999), tokenEndpointAuthMethod: 'client_secret_basic' };
const post: NcConnectEmulatorClient = {
  ...basic,
  clientId: 'post-client',
  clientSecret: 'post-client-secret',
  tokenEndpointAuthMethod: 'client_secret_post',
};

const JEAN = {
  given_name: 'Jean Pierre',
  family_name: 'Dupont',
  preferred_username: 'jean.dupont',
  birthdate: '1980-04-12',
  gender: 'male',
};

const cases: Array<{
  flavor: NcConnectFlavor;
  client: NcConnectEmulatorClient;
  scope: string;
  userinfo: Record<string, unknown>;
}> = [
  {
    flavor: 'v3',
    client: basic,
    scope: 'openid profile email birth',
    userinfo: {
      ...JEAN,
      first_name: 'Jean',
      verified: 2,
      email: 'jean.dupont@example.nc',
      email_verified: true,
      birthplace: '98818',
    },
  },
  {
    flavor: 'v3',
    client: post,
    scope: 'openid identite_pivot',
    userinfo: { ...JEAN, verified: 2, birthplace: '98818' },
  },
  {
    flavor: 'v2',
    client: basic,
    scope: 'openid',
    userinfo: { login: 'jean.dupont', info: { openid: { Email: 'jean.dupont@example.nc' } } },
  },
  {
    flavor: 'v2',
    client: post,
    scope: 'openid profile email birth',
    userinfo: {
      login: 'jean.dupont',
      info: { openid: { Email: 'jean.dupont@example.nc' } },
      ...JEAN,
      verified: 2,
      email: 'jean.dupont@example.nc',
      email_verified: true,
      birthplace: '98818',
      birthcountry: '99100',
    },
  },
];

describe.each(cases)(
  'authorization code flow, $flavor, $client.tokenEndpointAuthMethod, scope "$scope"',
  ({ flavor, client, scope, userinfo }) => {
    let emulator: NcConnectEmulator;
    let discovery: Discovery;

    beforeAll(async () => {
      emulator = await startNcConnectEmulator({ flavor, clients: [basic, post] });
      discovery = await discover(emulator.issuer);
    });
    afterAll(() => emulator.close());

    it('logs in with PKCE, issues verifiable tokens and serves the claims of the scopes', async () => {
      const browser = new FakeBrowser();
      const request = authorizationRequest(discovery, client, { scope });

      const page = await openLoginPage(browser, request);
      expect(page.html).toContain('NC Connect — émulateur');
      expect(page.html).toContain(flavor === 'v3' ? 'plateforme V3' : 'plateforme V2');
      expect(page.html).toContain('<code>nc-connect</code>');

      const wrong = await browser.post(page.action, { login: 'jean.dupont', password: 'wrong' });
      expect(wrong.status).toBe(401);
      const wrongHtml = await wrong.text();
      expect(wrongHtml).toContain('Identifiant ou mot de passe incorrect.');
      expect(wrongHtml).toContain('value="jean.dupont"');

      const right = await browser.post(page.action, { login: 'jean.dupont', password: 'nc-connect' });
      const callback = await followToApp(browser, right, `${APP}/auth/callback`, page.action);
      expect(callback.searchParams.get('state')).toBe(request.state);
      const code = callback.searchParams.get('code');
      expect(code).toBeTruthy();

      const tokenResponse = await exchangeCode(discovery, client, code!, request.verifier);
      expect(tokenResponse.status).toBe(200);
      const tokens = (await tokenResponse.json()) as Record<string, unknown>;
      expect(tokens.token_type).toBe('Bearer');
      if (flavor === 'v3') {
        expect(tokens.expires_in).toBe(1800);
        expect(typeof tokens.refresh_token).toBe('string');
      } else {
        expect(tokens.expires_in).toBeGreaterThan(365 * 24 * 3600);
        expect(tokens.refresh_token).toBeUndefined();
      }

      const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
      const idToken = tokens.id_token as string;
      expect(decodeProtectedHeader(idToken).alg).toBe('RS256');
      const { payload } = await jwtVerify(idToken, jwks, { issuer: emulator.issuer, audience: client.clientId });
      expect(payload.nonce).toBe(request.nonce);
      expect(payload.sub).toMatch(/^[0-9a-f]{64}$/);

      const userinfoResponse = await fetch(discovery.userinfo_endpoint, {
        headers: { authorization: `Bearer ${String(tokens.access_token)}` },
      });
      expect(userinfoResponse.status).toBe(200);
      const expected =
        flavor === 'v2' ? { iss: emulator.issuer, sub: payload.sub, ...userinfo } : { sub: payload.sub, ...userinfo };
      expect(await userinfoResponse.json()).toStrictEqual(expected);
    });
  },
);

describe('flows on the V3 emulator', () => {
  const hs256: NcConnectEmulatorClient = {
    ...basic,
    clientId: 'hs256-client',
    clientSecret: 'a-long-enough-secret-for-hmac-sha-256!',
    idTokenSignedResponseAlg: 'HS256',
  };
  let emulator: NcConnectEmulator;
  let discovery: Discovery;

  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ clients: [basic, hs256] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  async function codeExchange(
    client: NcConnectEmulatorClient,
    browser = new FakeBrowser(),
    extra: Record<string, string> = {},
  ) {
    const request = authorizationRequest(discovery, client, extra);
    const callback = await logIn(browser, request, client);
    const response = await exchangeCode(discovery, client, callback.searchParams.get('code')!, request.verifier);
    return (await response.json()) as Record<string, string>;
  }

  it('signs the ID token with HS256 and the client secret for a client registered so', async () => {
    const { id_token: idToken } = await codeExchange(hs256);
    expect(decodeProtectedHeader(idToken).alg).toBe('HS256');
    const { payload } = await jwtVerify(idToken, new TextEncoder().encode(hs256.clientSecret), {
      issuer: emulator.issuer,
      audience: hs256.clientId,
    });
    expect(payload.sub).toBeDefined();
  });

  it('puts the scope claims in the V3 ID token, like Keycloak', async () => {
    const { id_token: idToken } = await codeExchange(basic, new FakeBrowser(), { scope: 'openid profile' });
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(discovery.jwks_uri)));
    expect(payload).toMatchObject({ preferred_username: 'jean.dupont', first_name: 'Jean', verified: 2 });
  });

  it('refreshes tokens without offline_access', async () => {
    const { refresh_token: refreshToken } = await codeExchange(basic);
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>).access_token).toEqual(expect.any(String));
  });

  it('sends "Annuler" back to the app as access_denied with the state', async () => {
    const browser = new FakeBrowser();
    const request = authorizationRequest(discovery, basic);
    const { action } = await openLoginPage(browser, request);
    const response = await browser.post(`${action}/abort`, {});
    const callback = await followToApp(browser, response, `${APP}/auth/callback`, action);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('keeps the NC Connect session over http (single sign-on) unless prompt=login', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, authorizationRequest(discovery, basic), basic);

    const silent = await browser.navigate(authorizationRequest(discovery, basic).url, `${APP}/auth/callback`);
    expect(new URL(silent.url).searchParams.get('code')).toBeTruthy();

    const before = emulator.requestCounts().login_form ?? 0;
    const forced = await openLoginPage(browser, authorizationRequest(discovery, basic, { prompt: 'login' }));
    expect(forced.status).toBe(200);
    expect(emulator.requestCounts().login_form).toBe(before + 1);
  });

  it('gives a persona the same sub on every login and another persona another sub', async () => {
    const first = await codeExchange(basic);
    const again = await codeExchange(basic);
    const request = authorizationRequest(discovery, basic);
    const browser = new FakeBrowser();
    const callback = await logIn(browser, request, basic, 'marie.lefevre');
    const other = (await (
      await exchangeCode(discovery, basic, callback.searchParams.get('code')!, request.verifier)
    ).json()) as Record<string, string>;
    const sub = (tokens: Record<string, string>) => decodeJwt(tokens.id_token).sub;
    expect(sub(again)).toBe(sub(first));
    expect(sub(other)).not.toBe(sub(first));
  });

  it('does not require PKCE, but checks the verifier when a challenge was sent', async () => {
    const withoutPkce = authorizationRequest(discovery, basic);
    const url = new URL(withoutPkce.url);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const callback = await logIn(new FakeBrowser(), { ...withoutPkce, url: url.href }, basic);
    const plain = await exchangeCode(discovery, basic, callback.searchParams.get('code')!, '');
    expect(plain.status).toBe(200);

    const withPkce = authorizationRequest(discovery, basic);
    const pkceCallback = await logIn(new FakeBrowser(), withPkce, basic);
    const wrongVerifier = await exchangeCode(discovery, basic, pkceCallback.searchParams.get('code')!, 'x'.repeat(43));
    expect(wrongVerifier.status).toBe(400);
    expect(((await wrongVerifier.json()) as Record<string, unknown>).error).toBe('invalid_grant');
  });

  it('answers an unregistered redirect URI with a page listing the registered ones and the option to add it', async () => {
    const request = authorizationRequest(discovery, basic, { redirect_uri: 'http://localhost:4200/auth/callback' });
    const response = await fetch(request.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('L’adresse <code>http://localhost:4200/auth/callback</code> n’est pas enregistrée');
    expect(html).toContain(`<li><code>${basic.redirectUris[0]}</code></li>`);
    expect(html).toContain('<code>--app-url http://localhost:4200</code>');
    expect(html).toContain('<code>--redirect-uri http://localhost:4200/auth/callback</code>');
  });

  it('answers a login page without a pending login request with a French 400 page', async () => {
    const response = await fetch(`${emulator.issuer}/login-actions/authenticate/no-such-uid`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cette demande de connexion a expiré ou n’existe pas.');
  });

  it('rejects an unknown login with the login page and a 401', async () => {
    const browser = new FakeBrowser();
    const { action } = await openLoginPage(browser, authorizationRequest(discovery, basic));
    const response = await browser.post(action, { login: '<nobody>', password: 'nc-connect' });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('Identifiant ou mot de passe incorrect.');
    expect(html).toContain('value="&lt;nobody&gt;"');
  });
});
