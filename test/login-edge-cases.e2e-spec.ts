import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectEmulator, NcConnectEmulatorClient } from 'nestjs-nc-connect-emulator';
import { FakeBrowser, getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

describe.each(ADAPTERS)('login edge cases (V3 emulator), on %s', (adapter) => {
  let emulator: NcConnectEmulator;
  let app: TestApp;
  let client: NcConnectEmulatorClient;

  beforeAll(async () => {
    ({ provider: emulator, app, client } = await startEmulatorPair({ adapter }));
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

  it('refuses a callback whose iss names another issuer (RFC 9207 mix-up): 400, no session', async () => {
    const browser = new FakeBrowser();
    const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
    const url = new URL(callbackUrl);
    expect(url.searchParams.get('iss')).toBe(emulator.issuer); // the emulator names itself
    url.searchParams.set('iss', emulator.issuer.replace('/realms/nc-connect', '/realms/agent-connect'));
    const callback = await browser.request(url.href, { headers: { accept: 'application/json' } });
    expect(callback.status).toBe(400);
    expect(await callback.json()).toMatchObject({ code: 'NC_CONNECT_REQUEST_INVALID' });
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
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
