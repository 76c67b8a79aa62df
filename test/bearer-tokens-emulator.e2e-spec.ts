import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { BearerAuth, CurrentUser, type NcConnectUser } from 'nestjs-nc-connect';
import {
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectFlavor,
} from 'nestjs-nc-connect-emulator';
import {
  authorizationRequest,
  discover,
  exchangeCode,
  logIn as logInAtEmulator,
} from '../libs/nc-connect-emulator/test/code-flow.js';
import { bearer, call } from './support/bearer-app.js';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { getJson, logIn } from './support/login-steps.js';
import { ADAPTERS, ncConnectImport, startTestApp, type TestApp, type TestAdapter } from './support/test-app.js';

@Controller()
class BearerController {
  @Get('api/me')
  @BearerAuth()
  me(@CurrentUser() user: NcConnectUser) {
    return user;
  }
}

/** Another service registered at the same emulator (its own client ID, redirect URI and `sub`s). */
const OTHER_SERVICE: NcConnectEmulatorClient = {
  ...demoClientFor(3998),
  clientId: 'other-service',
  clientSecret: 'other-service-secret',
  backchannelLogoutUri: undefined,
};

/** An app (client `nc-connect-demo`, default `bearer.audiences`) beside an emulator of `flavor` that also knows OTHER_SERVICE. */
async function start(flavor: NcConnectFlavor, adapter: TestAdapter) {
  const port = await freePort();
  const client = demoClientFor(port);
  const emulator = await startNcConnectEmulator({ flavor, clients: [client, OTHER_SERVICE] });
  const ncConnect = ncConnectImport('forRoot', {
    issuer: emulator.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUris[0],
    keepTokens: true,
  });
  // The test app's own routes (/token among them) need the module too: re-exported.
  @Module({ imports: [ncConnect], controllers: [BearerController], exports: [ncConnect] })
  class WithBearer {}
  const app = await startTestApp(WithBearer as unknown as DynamicModule, port, adapter);
  return { emulator, app };
}

/** The access token the app got from a real login at the emulator. */
async function appAccessToken(app: TestApp): Promise<string> {
  const browser = new FakeBrowser();
  expect((await logIn(browser, app.url)).status).toBe(302);
  return ((await getJson(browser, `${app.url}/token`)).body as { accessToken: string }).accessToken;
}

const userinfoCount = (emulator: NcConnectEmulator) => emulator.requestCounts().userinfo ?? 0;
const introspectionCount = (emulator: NcConnectEmulator) => emulator.requestCounts().introspection ?? 0;

describe.each(ADAPTERS)('NcConnectBearerGuard with the emulator’s access tokens, on %s', (adapter) => {
  describe('V3 (Keycloak JWT access tokens): checked locally against the JWKS', () => {
    let emulator: NcConnectEmulator;
    let app: TestApp;

    beforeAll(async () => ({ emulator, app } = await start('v3', adapter)));
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('accepts the access token of a real login without asking userinfo, and refuses it once altered', async () => {
      const accessToken = await appAccessToken(app);
      expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(decodeJwt(accessToken)).toMatchObject({ typ: 'Bearer', azp: 'nc-connect-demo', aud: 'account' });
      const before = userinfoCount(emulator);
      const answer = await call(`${app.url}/api/me`, bearer(accessToken));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        login: 'jean.dupont',
        email: 'jean.dupont@example.nc',
        claims: { typ: 'Bearer', azp: 'nc-connect-demo' },
      });
      // The JWT path: the signature was checked against the JWKS, userinfo was not asked.
      expect(userinfoCount(emulator)).toBe(before);
      const altered = await call(`${app.url}/api/me`, bearer(`${accessToken}x`));
      expect([altered.status, altered.body.message]).toEqual([401, 'The access token is invalid.']);
      expect(userinfoCount(emulator)).toBe(before);
    });

    it('refuses a token the emulator issued to another service (azp and aud not in bearer.audiences)', async () => {
      const discovery = await discover(emulator.issuer);
      const request = authorizationRequest(discovery, OTHER_SERVICE, { scope: 'openid profile email' });
      const callback = await logInAtEmulator(new FakeBrowser(), request, OTHER_SERVICE);
      const response = await exchangeCode(
        discovery,
        OTHER_SERVICE,
        callback.searchParams.get('code')!,
        request.verifier,
      );
      const { access_token: otherToken } = (await response.json()) as { access_token: string };
      expect(decodeJwt(otherToken)).toMatchObject({ typ: 'Bearer', azp: 'other-service', aud: 'account' });
      // The token is genuine: the emulator's userinfo accepts it.
      const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: bearer(otherToken) } });
      expect(userinfo.status).toBe(200);
      const answer = await call(`${app.url}/api/me`, bearer(otherToken));
      expect([answer.status, answer.body.code, answer.body.message]).toEqual([
        401,
        'NC_CONNECT_BEARER_TOKEN_INVALID',
        'The access token is not meant for this service.',
      ]);
    });
    it('refuses a V3 refresh token (opaque, introspected as active, but not an access token)', async () => {
      const own = demoClientFor(Number(new URL(app.url).port));
      const discovery = await discover(emulator.issuer);
      const request = authorizationRequest(discovery, own, { scope: 'openid profile email' });
      const callback = await logInAtEmulator(new FakeBrowser(), request, own);
      const response = await exchangeCode(discovery, own, callback.searchParams.get('code')!, request.verifier);
      const { refresh_token: refreshToken } = (await response.json()) as { refresh_token: string };
      expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const before = introspectionCount(emulator);
      const answer = await call(`${app.url}/api/me`, bearer(refreshToken));
      expect([answer.status, answer.body.code, answer.body.message]).toEqual([
        401,
        'NC_CONNECT_BEARER_TOKEN_INVALID',
        'The token is not an access token.',
      ]);
      expect(introspectionCount(emulator)).toBe(before + 1);
    });
  });

  describe('V2 (opaque access tokens): checked by token introspection', () => {
    let emulator: NcConnectEmulator;
    let app: TestApp;

    beforeAll(async () => ({ emulator, app } = await start('v2', adapter)));
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('accepts the opaque access token of a real login by asking introspection once, not userinfo', async () => {
      const accessToken = await appAccessToken(app);
      expect(accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [userinfoBefore, introspectionBefore] = [userinfoCount(emulator), introspectionCount(emulator)];
      const answer = await call(`${app.url}/api/me`, bearer(accessToken));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        login: 'jean.dupont',
        email: 'jean.dupont@example.nc',
        claims: { active: true, client_id: 'nc-connect-demo' },
      });
      expect(introspectionCount(emulator)).toBe(introspectionBefore + 1);
      expect(userinfoCount(emulator)).toBe(userinfoBefore);
      const altered = await call(`${app.url}/api/me`, bearer(`${accessToken}x`));
      expect([altered.status, altered.body.message]).toEqual([401, 'The access token is invalid, expired or revoked.']);
      expect(introspectionCount(emulator)).toBe(introspectionBefore + 2);
    });

    it('refuses an opaque token the emulator issued to another service (introspection names its client_id)', async () => {
      const discovery = await discover(emulator.issuer);
      const request = authorizationRequest(discovery, OTHER_SERVICE, { scope: 'openid profile email' });
      const callback = await logInAtEmulator(new FakeBrowser(), request, OTHER_SERVICE);
      const response = await exchangeCode(
        discovery,
        OTHER_SERVICE,
        callback.searchParams.get('code')!,
        request.verifier,
      );
      const { access_token: otherToken } = (await response.json()) as { access_token: string };
      expect(otherToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The token is genuine: the emulator's userinfo accepts it (which is why userinfo alone is not enough).
      const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: bearer(otherToken) } });
      expect(userinfo.status).toBe(200);
      const before = introspectionCount(emulator);
      const answer = await call(`${app.url}/api/me`, bearer(otherToken));
      expect([answer.status, answer.body.code, answer.body.message]).toEqual([
        401,
        'NC_CONNECT_BEARER_TOKEN_INVALID',
        'The access token is not meant for this service.',
      ]);
      expect(introspectionCount(emulator)).toBe(before + 1);
    });
  });
});
