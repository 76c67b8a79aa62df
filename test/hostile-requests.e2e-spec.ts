import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sign } from 'cookie-signature';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { advanceClock } from './support/clock.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, HTML, logIn, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

const SECRET = 'hostile-requests-session-secret-0123456789';

describe.each(ADAPTERS)('hostile requests to the library’s routes, on %s', (adapter) => {
  let emulator: NcConnectEmulator;
  let app: TestApp;

  beforeAll(async () => {
    ({ provider: emulator, app } = await startEmulatorPair({ module: { session: { secret: SECRET } }, adapter }));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** The app answered with a clean 4xx of `code`, and still serves. */
  async function expectClean(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ statusCode: status, code });
    expect((await fetch(`${app.url}/open`)).status).toBe(200);
  }

  it('answers a browser that is simply not logged in with a page that invites it to log in', async () => {
    const page = await new FakeBrowser().request(`${app.url}/auth/me`, { headers: HTML });
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<h1>Connexion nécessaire</h1>');
    expect(html).toContain('<a href="/auth/login">Se connecter</a>');
    expect(html).not.toMatch(/échou|Réessayer/);
  });

  describe('callback', () => {
    it('refuses a huge parameter with 400', async () => {
      const response = await new FakeBrowser().request(`${app.url}/auth/callback?state=${'s'.repeat(5000)}&code=c`);
      await expectClean(response, 400, 'NC_CONNECT_REQUEST_INVALID');
    });

    it('refuses a repeated code with 400', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      const response = await browser.request(`${callbackUrl}&code=another`);
      await expectClean(response, 400, 'NC_CONNECT_REQUEST_INVALID');
    });

    it('refuses a callback without a code', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      const url = new URL(callbackUrl);
      url.searchParams.delete('code');
      await expectClean(await browser.request(url.href), 400, 'NC_CONNECT_REQUEST_INVALID');
    });

    it('refuses an unknown transaction with 400', async () => {
      const response = await new FakeBrowser().request(`${app.url}/auth/callback?state=${'x'.repeat(43)}&code=abc`);
      await expectClean(response, 400, 'NC_CONNECT_STATE_MISMATCH');
    });

    it('refuses an expired transaction with 401, and the login can start again', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      // Only the clock moves (11 minutes, past the 10-minute login timeout); timers stay real.
      advanceClock(11 * 60_000);
      await expectClean(await browser.request(callbackUrl), 401, 'NC_CONNECT_TRANSACTION_EXPIRED');
      jest.useRealTimers();
      expect((await logIn(browser, app.url)).status).toBe(302);
    });

    it('ignores tokens smuggled into the callback URL', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url);
      const forged = `${callbackUrl}&id_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.&access_token=x`;
      expect((await browser.request(forged)).status).toBe(302);
      expect((await getJson(browser, `${app.url}/auth/me`)).body.sub).not.toBe('x');
    });
  });

  describe('session cookie', () => {
    it.each([
      ['a signature made with another secret', `s:${sign('any-session-id', 'another-secret-0123456789-0123456789')}`],
      ['an unsigned id', 'any-session-id'],
      ['a signed id that is no session', `s:${sign('no-such-session', SECRET)}`],
      ['garbage', '%%%\u00ff'],
    ])('treats %s as anonymous', async (_case, value) => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      browser.setCookie('nc_connect.sid', encodeURIComponent(value));
      const me = await getJson(browser, `${app.url}/auth/me`);
      expect(me).toEqual({
        status: 401,
        body: { statusCode: 401, code: 'NC_CONNECT_LOGIN_REQUIRED', message: 'You need to log in with NC Connect.' },
      });
    });

    it('refuses a session cookie whose signature was tampered with', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const genuine = decodeURIComponent(browser.cookie('nc_connect.sid')!);
      const tampered = `${genuine.slice(0, -2)}${genuine.endsWith('A') ? 'BB' : 'AA'}`;
      browser.setCookie('nc_connect.sid', encodeURIComponent(tampered));
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
    });
  });

  describe('returnTo', () => {
    it.each([
      '//evil.example',
      '/\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      '/%252F%252Fevil.example',
      'javascript:alert(document.cookie)',
      '/%0d%0aSet-Cookie:%20pwned=1',
      '/\r\nLocation: https://evil.example',
      'https:evil.example',
      '/.//evil.example',
      `/${'a'.repeat(3000)}`,
    ])('sends the browser to / after a login asked with returnTo=%j', async (returnTo) => {
      const callback = await logIn(new FakeBrowser(), app.url, returnTo);
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/');
      expect(callback.headers.getSetCookie().some((c) => c.startsWith('pwned'))).toBe(false);
    });
  });

  describe('logout', () => {
    it('cannot be triggered by a page of another site with GET', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const response = await browser.request(`${app.url}/auth/logout`, {
        headers: { ...HTML, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      });
      expect(response.status).toBe(200);
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
    });

    it('refuses a POST from another site with 403', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, app.url);
      const response = await browser.request(`${app.url}/auth/logout`, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      await expectClean(response, 403, 'NC_CONNECT_CROSS_SITE_REQUEST');
      expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
    });
  });
});
