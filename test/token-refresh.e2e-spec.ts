import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, HTML } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startFaultPair } from './support/test-pairs.js';

describe.each(ADAPTERS)('access and refresh tokens kept server-side (keepTokens), on %s', (adapter) => {
  let provider: FaultProvider;
  let app: TestApp;

  beforeAll(async () => {
    ({ provider, app } = await startFaultPair({ module: { keepTokens: true }, adapter }));
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });
  beforeEach(() => provider.reset());

  /** Logs a new browser in; the access token it gets lives `lifetime` seconds. */
  async function loggedIn(lifetime: number): Promise<FakeBrowser> {
    provider.faults = { accessTokenLifetime: lifetime };
    const browser = new FakeBrowser();
    expect((await loginThroughFaultProvider(browser, app)).status).toBe(302);
    return browser;
  }

  const token = async (browser: FakeBrowser) => getJson(browser, `${app.url}/token`);

  it('keeps the tokens out of the cookie and of /auth/me', async () => {
    const browser = await loggedIn(1800);
    const { body } = await token(browser);
    expect(typeof body.accessToken).toBe('string');
    expect(decodeURIComponent(browser.cookie('nc_connect.sid')!)).toMatch(/^[\w-]{43}\.[\w+/]+$/);
    expect(JSON.stringify((await getJson(browser, `${app.url}/auth/me`)).body)).not.toContain(
      body.accessToken as string,
    );
  });

  it('returns the same access token while it is valid, without calling NC Connect', async () => {
    const browser = await loggedIn(1800);
    const refreshes = provider.counts.refresh ?? 0;
    const first = await token(browser);
    const second = await token(browser);
    expect(second.body.accessToken).toBe(first.body.accessToken);
    expect((provider.counts.refresh ?? 0) - refreshes).toBe(0);
  });

  it('refreshes an access token about to expire, and keeps the new one', async () => {
    const browser = await loggedIn(30); // within the one-minute margin: refreshed on first use
    provider.faults = { accessTokenLifetime: 1800 };
    const refreshes = provider.counts.refresh ?? 0;
    const first = await token(browser);
    const second = await token(browser);
    expect(first.status).toBe(200);
    expect(second.body.accessToken).toBe(first.body.accessToken);
    expect((provider.counts.refresh ?? 0) - refreshes).toBe(1);
  });

  it('shares one refresh between concurrent requests of a session', async () => {
    const browser = await loggedIn(30);
    provider.faults = { accessTokenLifetime: 1800, refresh: { delayMs: 300 } };
    const refreshes = provider.counts.refresh ?? 0;
    const answers = await Promise.all(Array.from({ length: 10 }, () => token(browser)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.accessToken)).size).toBe(1);
    expect((provider.counts.refresh ?? 0) - refreshes).toBe(1);
  });

  it('ends the session when the refreshed ID token is about another user (OIDC Core 12.2)', async () => {
    const browser = await loggedIn(30);
    provider.faults = { refresh: { sub: 'someone-else' } };
    const answer = await token(browser);
    expect([answer.status, answer.body.code]).toEqual([401, 'NC_CONNECT_LOGIN_REQUIRED']);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
  });

  it('ends the session when NC Connect refuses the refresh token, and the guard then treats the user as anonymous', async () => {
    const browser = await loggedIn(30);
    provider.faults = { refresh: { error: 'invalid_grant' } };
    const answer = await token(browser);
    expect([answer.status, answer.body.code]).toEqual([401, 'NC_CONNECT_LOGIN_REQUIRED']);
    const page = await browser.request(`${app.url}/profile`, { headers: HTML });
    expect([page.status, page.headers.get('location')]).toEqual([302, '/auth/login?returnTo=%2Fprofile']);
  });

  it('keeps the session when NC Connect is down during a refresh (503, try again later)', async () => {
    const browser = await loggedIn(30);
    provider.faults = { token: { status: 503, body: '{"error":"temporarily_unavailable"}' } };
    const answer = await token(browser);
    expect([answer.status, answer.body.code]).toEqual([503, 'NC_CONNECT_PROVIDER_UNAVAILABLE']);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
  });
});
