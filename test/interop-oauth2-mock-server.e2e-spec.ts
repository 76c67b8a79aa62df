import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { CurrentUser, NcConnectBearerGuard, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { getJson } from './support/login-steps.js';
import { MOCK_USER, startMockProvider, type MockClient, type MockProvider } from './support/oauth2-mock-provider.js';
import { ADAPTERS, startTestApp, type TestAdapter, type TestApp } from './support/test-app.js';

/**
 * Interoperability with oauth2-mock-server, an OpenID provider nobody here wrote (see
 * test/support/oauth2-mock-provider.ts for what the tests make it check that it does not by itself).
 */

@Controller('api')
class ApiController {
  @Get('me')
  @UseGuards(NcConnectBearerGuard)
  me(@CurrentUser() user: NcConnectUser) {
    return { sub: user.sub };
  }
}

/** An ID and a secret with `-` (which openid-client's own client_secret_basic percent-encodes), `_` and `.`. */
const CREDENTIALS = { clientId: 'nc-sample', clientSecret: 'nc-sample-secret_0123.4567-89ab' };

type Method = MockClient['tokenEndpointAuthMethod'];

describe.each(ADAPTERS)('oauth2-mock-server as the provider, on %s', (adapter: TestAdapter) => {
  let provider: MockProvider | undefined;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    await provider?.close();
    app = provider = undefined;
  });

  /** The mock with `nc-sample` registered for `method`, and an app logging in with `clientSecret`. */
  async function start(method: Method, clientSecret = CREDENTIALS.clientSecret) {
    provider = await startMockProvider({ ...CREDENTIALS, tokenEndpointAuthMethod: method });
    const port = await freePort();
    app = await startTestApp(
      NcConnectModule.forRoot({
        issuer: provider.issuer,
        clientId: CREDENTIALS.clientId,
        clientSecret,
        tokenEndpointAuthMethod: method,
        redirectUri: `http://localhost:${port}/auth/callback`,
        postLogoutRedirectUri: `http://localhost:${port}/`,
        keepTokens: true,
      }),
      port,
      adapter,
      { controllers: [ApiController] },
    );
    return { provider, app };
  }

  /** Login route → the mock's authorize (which signs "johndoe" in at once) → the app's callback. */
  async function logIn(browser: FakeBrowser, running: TestApp) {
    const login = await browser.request(`${running.url}/auth/login`);
    expect(login.status).toBe(302);
    const authorizationUrl = new URL(login.headers.get('location')!);
    const authorize = await browser.request(authorizationUrl.href);
    expect(authorize.status).toBe(302);
    const callback = await browser.request(authorize.headers.get('location')!);
    return { authorizationUrl, callback };
  }

  describe.each<Method>(['client_secret_basic', 'client_secret_post'])('with %s', (method) => {
    it('logs in: the guarded /profile answers with the user from the ID token and userinfo', async () => {
      const { provider, app } = await start(method);
      const browser = new FakeBrowser();
      const { authorizationUrl, callback } = await logIn(browser, app);

      expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${provider.issuer}/authorize`);
      const query = Object.fromEntries(authorizationUrl.searchParams);
      expect(query).toMatchObject({ client_id: 'nc-sample', response_type: 'code', code_challenge_method: 'S256' });
      expect(query.state).toEqual(expect.any(String));
      expect(query.nonce).toEqual(expect.any(String));
      expect([callback.status, callback.headers.get('location')]).toEqual([302, '/']);
      expect(provider.tokenRequests).toEqual([{ grantType: 'authorization_code', method, accepted: true }]);

      const profile = await getJson(browser, `${app.url}/profile`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({
        user: { sub: MOCK_USER.sub, email: MOCK_USER.email, givenName: 'John', familyName: 'Doe' },
        email: MOCK_USER.email,
      });
    });

    it('answers the callback 502 NC_CONNECT_CLIENT_AUTH_FAILED when the provider refuses the secret', async () => {
      const { provider, app } = await start(method, 'not-the-registered-secret');
      const browser = new FakeBrowser();
      const { callback } = await logIn(browser, app);

      expect([callback.status, ((await callback.json()) as { code: string }).code]).toEqual([
        502,
        'NC_CONNECT_CLIENT_AUTH_FAILED',
      ]);
      expect(provider.tokenRequests).toEqual([{ grantType: 'authorization_code', method, accepted: false }]);
      expect((await getJson(browser, `${app.url}/profile`)).status).toBe(401);
    });
  });

  it("accepts the provider's JWT access token on a bearer route, and refuses one for another client", async () => {
    const { provider, app } = await start('client_secret_basic');
    const browser = new FakeBrowser();
    expect((await logIn(browser, app)).callback.status).toBe(302);
    const { body } = await getJson(browser, `${app.url}/token`);
    const accessToken = body.accessToken as string;

    const call = (token: string) => fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    const accepted = await call(accessToken);
    expect([accepted.status, await accepted.json()]).toEqual([200, { sub: MOCK_USER.sub }]);

    // Signed by the same provider and key, but for another client, or in the mock's own shape, which
    // names no client at all (no `aud`, no `client_id`): refused, whoever the user is.
    const signed = (claims: Record<string, unknown>) =>
      provider.server.issuer.buildToken({
        scopesOrTransform: (_header, payload) =>
          Object.assign(payload, { sub: MOCK_USER.sub, scope: 'openid', ...claims }),
      });
    for (const token of [await signed({ aud: 'other-app', client_id: 'other-app' }), await signed({})]) {
      const refused = await call(token);
      expect([refused.status, await refused.json()]).toEqual([
        401,
        expect.objectContaining({
          code: 'NC_CONNECT_BEARER_TOKEN_INVALID',
          message: 'The access token is not meant for this service.',
        }),
      ]);
    }
  });

  it("logs out: ends the session and comes back through the provider's end-session endpoint", async () => {
    const { provider, app } = await start('client_secret_post');
    const browser = new FakeBrowser();
    expect((await logIn(browser, app)).callback.status).toBe(302);
    expect((await getJson(browser, `${app.url}/profile`)).status).toBe(200);

    const logout = await browser.request(`${app.url}/auth/logout`);
    expect(logout.status).toBe(302);
    const endSession = new URL(logout.headers.get('location')!);
    expect(endSession.origin + endSession.pathname).toBe(`${provider.issuer}/endsession`);
    expect(endSession.searchParams.get('id_token_hint')).toEqual(expect.any(String));
    const state = endSession.searchParams.get('state');
    const back = await browser.request(endSession.href);
    expect([back.status, back.headers.get('location')]).toEqual([302, `${app.url}/?state=${state}`]);

    expect((await getJson(browser, `${app.url}/profile`)).status).toBe(401);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
  });
});
