import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import {
  BearerAuth,
  CurrentUser,
  NcConnectBearerGuard,
  NcConnectGuard,
  RequireAssurance,
  type NcConnectModuleOptions,
} from 'nestjs-nc-connect';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { bearer, call } from './support/bearer-app.js';
import { advanceClock } from './support/clock.js';
import { FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startEmulatorPair, startFaultPair, type Pair } from './support/test-pairs.js';

/** Pages behind the session guard and APIs behind the bearer guard, each with a requirement. */
@Controller()
class AssuranceController {
  @Get('verified-page')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ verified: 2 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  verifiedPage(@CurrentUser('login') login: string) {
    return `<p id="verified">${login}</p>`;
  }

  @Get('recent')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ maxAge: 300 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  recent() {
    return '<p id="recent">ok</p>';
  }

  @Get('strong')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ acr: 'eidas2' })
  @Header('Content-Type', 'text/html; charset=utf-8')
  strong() {
    return '<p id="strong">ok</p>';
  }

  /** eidas3 is in the app's acrLevels but the fault provider does not offer it. */
  @Get('strongest')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ acr: 'eidas3' })
  strongest() {
    return { strongest: true };
  }

  @Get('api/verified')
  @BearerAuth()
  @UseGuards(NcConnectBearerGuard)
  @RequireAssurance({ verified: 2 })
  apiVerified(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('api/recent-strong')
  @BearerAuth()
  @UseGuards(NcConnectBearerGuard)
  @RequireAssurance({ maxAge: 300, acr: 'eidas2' })
  apiRecentStrong(@CurrentUser('sub') sub: string) {
    return { sub };
  }
}

const MODULE: Partial<NcConnectModuleOptions> = {
  keepTokens: true,
  assurance: { acrLevels: ['eidas1', 'eidas2', 'eidas3'] },
};

/** Logs `login` in at the emulator through the app; returns the callback's answer. */
async function logInAs(browser: FakeBrowser, app: TestApp, login: string): Promise<Response> {
  const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/auth/login`, app.url, {
    login,
    password: 'nc-connect',
  });
  return browser.request(callbackUrl, { headers: HTML });
}

describe.each(ADAPTERS)('@RequireAssurance, on %s', (adapter) => {
  describe('verified: 2, with the emulator’s personas', () => {
    let pair: Pair<NcConnectEmulator>;

    beforeAll(async () => {
      pair = await startEmulatorPair({ adapter, module: MODULE, extras: { controllers: [AssuranceController] } });
    });
    afterAll(() => pair?.close());

    it('shows marie.lefevre (verified 1) a French page, 403, on how to have her identity verified', async () => {
      const browser = new FakeBrowser();
      expect((await logInAs(browser, pair.app, 'marie.lefevre')).status).toBe(302);
      const page = await browser.request(`${pair.app.url}/verified-page`, { headers: HTML });
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('data-error-code="NC_CONNECT_VERIFICATION_INSUFFICIENT"');
      expect(html).toContain('une identité vérifiée numériquement');
      expect(html).toContain('Faites vérifier votre identité avec NC Connect');
      expect(html).toContain('href="/auth/login?returnTo=%2Fverified-page&#38;prompt=login"');
      expect(html).toContain('<a href="/">Retour à l’accueil</a>');
      expect(html).not.toContain('id="verified"');
      // The same session asking for JSON gets the code, not the page.
      const json = await getJson(browser, `${pair.app.url}/verified-page`);
      expect(json).toEqual({
        status: 403,
        body: expect.objectContaining({ code: 'NC_CONNECT_VERIFICATION_INSUFFICIENT' }),
      });
    });

    it('refuses marie.lefevre’s access token on a verified: 2 API with 403 (a new login cannot help)', async () => {
      const browser = new FakeBrowser();
      await logInAs(browser, pair.app, 'marie.lefevre');
      const { accessToken } = (await getJson(browser, `${pair.app.url}/token`)).body as { accessToken: string };
      const answer = await call(`${pair.app.url}/api/verified`, bearer(accessToken));
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('NC_CONNECT_VERIFICATION_INSUFFICIENT');
      expect(answer.challenge).toBeNull();
    });

    it('lets jean.dupont (verified 2) through, on the page and the API', async () => {
      const browser = new FakeBrowser();
      expect((await logInAs(browser, pair.app, 'jean.dupont')).status).toBe(302);
      const page = await browser.request(`${pair.app.url}/verified-page`, { headers: HTML });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<p id="verified">jean.dupont</p>');
      const { accessToken } = (await getJson(browser, `${pair.app.url}/token`)).body as { accessToken: string };
      expect((await call(`${pair.app.url}/api/verified`, bearer(accessToken))).status).toBe(200);
    });
  });

  describe('maxAge and acr, with the fault provider (acr_values_supported: eidas1, eidas2)', () => {
    let pair: Pair<FaultProvider>;

    beforeAll(async () => {
      pair = await startFaultPair({ adapter, module: MODULE, extras: { controllers: [AssuranceController] } });
    });
    afterAll(() => pair?.close());
    afterEach(() => {
      jest.useRealTimers();
      pair.provider.reset();
    });

    /** Follows a step-up redirect through the login route and the provider; returns the callback's answer. */
    async function followStepUp(browser: FakeBrowser, location: string): Promise<Response> {
      const start = await browser.request(new URL(location, pair.app.url).href, { headers: HTML });
      expect(start.status).toBe(302);
      const authorize = await browser.request(start.headers.get('location')!);
      return browser.request(authorize.headers.get('location')!, { headers: HTML });
    }

    it('steps a stale login up (prompt=login, max_age) and comes back to the page', async () => {
      const browser = new FakeBrowser();
      expect((await loginThroughFaultProvider(browser, pair.app)).status).toBe(302);
      expect((await browser.request(`${pair.app.url}/recent`, { headers: HTML })).status).toBe(200);
      advanceClock(400_000);
      const stale = await browser.request(`${pair.app.url}/recent?tab=1`, { headers: HTML });
      expect(stale.status).toBe(302);
      const location = new URL(stale.headers.get('location')!, pair.app.url);
      expect(location.pathname).toBe('/auth/login');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        returnTo: '/recent?tab=1',
        prompt: 'login',
        max_age: '300',
      });
      const callback = await followStepUp(browser, location.href);
      const asked = pair.provider.lastAuthorizationParams!;
      expect([asked.get('prompt'), asked.get('max_age'), asked.get('acr_values')]).toEqual(['login', '300', null]);
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/recent?tab=1');
      const back = await browser.request(`${pair.app.url}/recent?tab=1`, { headers: HTML });
      expect(back.status).toBe(200);
      expect(await back.text()).toContain('id="recent"');
    });

    it('refuses a step-up whose auth_time is older than max_age (NC_CONNECT_ASSURANCE_INSUFFICIENT)', async () => {
      const browser = new FakeBrowser();
      await loginThroughFaultProvider(browser, pair.app);
      advanceClock(400_000);
      const stale = await browser.request(`${pair.app.url}/recent`, { headers: HTML });
      // NC Connect ignored prompt=login and max_age: the authentication it reports is the old one.
      const old = Math.floor(Date.now() / 1000) - 400;
      pair.provider.faults.idTokenClaims = (claims) => ({ ...claims, auth_time: old });
      const callback = await followStepUp(browser, stale.headers.get('location')!);
      expect(callback.status).toBe(403);
      expect(await callback.text()).toContain('NC_CONNECT_ASSURANCE_INSUFFICIENT');
      expect((await browser.request(`${pair.app.url}/recent`, { headers: HTML })).status).toBe(302);
    });

    it('steps up to an acr level with acr_values and passes when NC Connect answers it', async () => {
      const browser = new FakeBrowser();
      await loginThroughFaultProvider(browser, pair.app);
      const weak = await browser.request(`${pair.app.url}/strong`, { headers: HTML });
      expect(weak.status).toBe(302);
      const location = new URL(weak.headers.get('location')!, pair.app.url);
      expect(location.searchParams.get('acr_values')).toBe('eidas2');
      expect(location.searchParams.get('prompt')).toBe('login');
      const callback = await followStepUp(browser, location.href);
      expect(pair.provider.lastAuthorizationParams!.get('acr_values')).toBe('eidas2');
      expect(callback.status).toBe(302);
      expect((await browser.request(`${pair.app.url}/strong`, { headers: HTML })).status).toBe(200);
    });

    it('refuses a login where NC Connect answers a lower acr than requested', async () => {
      const browser = new FakeBrowser();
      await loginThroughFaultProvider(browser, pair.app);
      const weak = await browser.request(`${pair.app.url}/strong`, { headers: HTML });
      pair.provider.faults.idTokenClaims = (claims) => ({ ...claims, acr: 'eidas1' });
      const callback = await followStepUp(browser, weak.headers.get('location')!);
      expect(callback.status).toBe(403);
      expect(callback.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await callback.text()).toContain('data-error-code="NC_CONNECT_ASSURANCE_INSUFFICIENT"');
      // No session was opened by the refused login: the page still asks for a step-up.
      expect((await browser.request(`${pair.app.url}/strong`, { headers: HTML })).status).toBe(302);
    });

    it('refuses acr_values outside assurance.acrLevels at the login route', async () => {
      const browser = new FakeBrowser();
      const login = await getJson(browser, `${pair.app.url}/auth/login?acr_values=eidas9`);
      expect(login).toEqual({ status: 400, body: expect.objectContaining({ code: 'NC_CONNECT_REQUEST_INVALID' }) });
    });

    it('shows a page (403) for an acr level NC Connect does not offer, without a login that cannot succeed', async () => {
      const browser = new FakeBrowser();
      await loginThroughFaultProvider(browser, pair.app);
      const page = await browser.request(`${pair.app.url}/strongest`, { headers: HTML });
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('data-error-code="NC_CONNECT_ASSURANCE_INSUFFICIENT"');
    });

    it('answers an API token that is too old or too weak with 401 and an RFC 9470 challenge', async () => {
      const now = Math.floor(Date.now() / 1000);
      const url = `${pair.app.url}/api/recent-strong`;
      const stale = await pair.provider.jwtAccessToken({ claims: { acr: 'eidas2', auth_time: now - 400 } });
      const staleAnswer = await call(url, bearer(stale));
      expect(staleAnswer.status).toBe(401);
      expect(staleAnswer.body.code).toBe('NC_CONNECT_STEP_UP_REQUIRED');
      expect(staleAnswer.challenge).toMatch(
        /^Bearer realm="nc-connect", error="insufficient_user_authentication", error_description="[^"]+", max_age="300"$/,
      );
      const weak = await pair.provider.jwtAccessToken({ claims: { acr: 'eidas1', auth_time: now } });
      expect((await call(url, bearer(weak))).challenge).toMatch(
        /error="insufficient_user_authentication".*, acr_values="eidas2"$/,
      );
      const neither = await pair.provider.jwtAccessToken({ claims: { auth_time: undefined } });
      expect((await call(url, bearer(neither))).challenge).toMatch(/, acr_values="eidas2", max_age="300"$/);
      const good = await pair.provider.jwtAccessToken({ claims: { acr: 'eidas3', auth_time: now - 10 } });
      expect(await call(url, bearer(good))).toEqual({
        status: 200,
        challenge: null,
        body: { sub: 'ppid-jean-dupont' },
      });
    });
  });
});
