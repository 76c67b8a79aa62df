import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { graphql, graphqlExtras } from './support/graphql-app.js';
import { getJson, HTML, logIn } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

const fetchDirect = (url: string, init: RequestInit) => fetch(url, { ...init, redirect: 'manual' });

describe.each(ADAPTERS)('GraphQL resolvers behind the NC Connect guards, on %s', (adapter) => {
  let pair: Pair<NcConnectEmulator>;
  let app: TestApp;

  beforeAll(async () => {
    pair = await startEmulatorPair({ adapter, module: { keepTokens: true }, extras: graphqlExtras(adapter) });
    app = pair.app;
  });
  afterAll(() => pair?.close());

  describe('with the session cookie', () => {
    const browser = new FakeBrowser();
    const ask = (query: string, headers?: Record<string, string>) =>
      graphql((url, init) => browser.request(url, init), app.url, query, headers);

    it('anonymous: a GraphQL error UNAUTHENTICATED, never a redirect or a page', async () => {
      const answer = await ask('{ me { sub } }');
      expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
      expect(answer.body.data ?? null).toBeNull();
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        ncConnectCode: 'NC_CONNECT_LOGIN_REQUIRED',
      });
      expect(answer.status).not.toBe(302);
    });

    it('anonymous: a GET query from a browser tab is not redirected to the login page either', async () => {
      const query = encodeURIComponent('{ me { sub } }');
      // Apollo's CSRF prevention asks GET queries for this header.
      const headers = { ...HTML, 'apollo-require-preflight': 'true' };
      const response = await browser.request(`${app.url}/graphql?query=${query}`, { headers });
      expect(response.status).not.toBe(302);
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('anonymous: @Public() resolvers answer, @OptionalAuth() ones see nobody', async () => {
      expect((await ask('{ hello greeting }')).body).toEqual({ data: { hello: 'hello', greeting: null } });
    });

    it('logged in: @CurrentUser() is the user in guarded and @OptionalAuth() resolvers', async () => {
      expect((await logIn(browser, app.url)).status).toBe(302);
      const answer = await ask('{ me { sub login } greeting twice }');
      expect(answer.body.errors).toBeUndefined();
      const me = answer.body.data?.me as { sub: string; login: string };
      expect(me.login).toBe('jean.dupont');
      expect(answer.body.data).toEqual({ me, greeting: 'Bonjour jean.dupont', twice: me.sub });
    });

    it('logged out: UNAUTHENTICATED again', async () => {
      expect((await browser.request(`${app.url}/auth/logout`, { headers: HTML })).status).toBe(302);
      const answer = await ask('{ me { sub } }');
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await ask('{ greeting }')).body).toEqual({ data: { greeting: null } });
    });
  });

  describe('with a bearer token (@BearerAuth())', () => {
    let token: string;

    beforeAll(async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      token = (await getJson(browser, `${app.url}/token`)).body.accessToken as string;
    });

    it('a valid token: @CurrentUser() is its user', async () => {
      const answer = await graphql(fetchDirect, app.url, '{ apiMe { login } }', { authorization: `Bearer ${token}` });
      expect(answer.body).toEqual({ data: { apiMe: { login: 'jean.dupont' } } });
    });

    it('no token: UNAUTHENTICATED', async () => {
      const answer = await graphql(fetchDirect, app.url, '{ apiMe { login } }');
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        ncConnectCode: 'NC_CONNECT_LOGIN_REQUIRED',
      });
    });

    it('a refused token: UNAUTHENTICATED, NC_CONNECT_BEARER_TOKEN_INVALID', async () => {
      const answer = await graphql(fetchDirect, app.url, '{ apiMe { login } }', {
        authorization: `Bearer ${token.slice(0, -4)}AAAA`,
      });
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        ncConnectCode: 'NC_CONNECT_BEARER_TOKEN_INVALID',
      });
    });
  });
});
