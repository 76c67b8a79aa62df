import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { CurrentUser, NcConnectGuard, RequireAssurance, type NcConnectUser } from 'nestjs-nc-connect';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { advanceClock } from './support/clock.js';
import { FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

const LEVELS = ['eidas1', 'eidas2', 'eidas3'];

@Controller()
@UseGuards(NcConnectGuard)
class StepUpController {
  @Get('recent')
  @RequireAssurance({ maxAge: 300 })
  recent(@CurrentUser() user: NcConnectUser) {
    return { acr: user.claims.acr, authTime: user.claims.auth_time };
  }

  @Get('highest')
  @RequireAssurance({ acr: 'eidas3' })
  highest(@CurrentUser() user: NcConnectUser) {
    return { acr: user.claims.acr };
  }
}

/** Logs `login` in at the emulator, starting from `loginUrl` (the app's login route, step-up or not). */
async function signIn(browser: FakeBrowser, app: TestApp, loginUrl: string, login: string) {
  const { callbackUrl, authorizationUrl } = await signInAtEmulator(browser, new URL(loginUrl, app.url).href, app.url, {
    login,
    password: 'nc-connect',
  });
  return { callback: await browser.request(callbackUrl, { headers: HTML }), authorizationUrl };
}

describe.each(ADAPTERS)('@RequireAssurance step-ups at the emulator (Keycloak-like acr levels), on %s', (adapter) => {
  let pair: Pair<NcConnectEmulator>;

  beforeAll(async () => {
    pair = await startEmulatorPair({
      adapter,
      emulator: { acrLevels: LEVELS },
      module: { assurance: { acrLevels: LEVELS } },
      extras: { controllers: [StepUpController] },
    });
  });
  afterAll(() => pair?.close());
  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks jean.dupont for his password again after 5 minutes, then shows the page', async () => {
    const browser = new FakeBrowser();
    expect((await signIn(browser, pair.app, '/auth/login', 'jean.dupont')).callback.status).toBe(302);
    expect((await getJson(browser, `${pair.app.url}/recent`)).status).toBe(200);
    advanceClock(400_000);
    const stale = await browser.request(`${pair.app.url}/recent`, { headers: HTML });
    expect(stale.status).toBe(302);
    const { callback, authorizationUrl } = await signIn(
      browser,
      pair.app,
      stale.headers.get('location')!,
      'jean.dupont',
    );
    expect(authorizationUrl.searchParams.get('prompt')).toBe('login');
    expect(authorizationUrl.searchParams.get('max_age')).toBe('300');
    expect(callback.headers.get('location')).toBe('/recent');
    const page = await getJson(browser, `${pair.app.url}/recent`);
    expect(page.status).toBe(200);
    expect(page.body.authTime).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
  });

  it('steps jean.dupont up to eidas3, and refuses marie.lefevre, whom the emulator gives a lower acr', async () => {
    const jean = new FakeBrowser();
    await signIn(jean, pair.app, '/auth/login', 'jean.dupont');
    const weak = await jean.request(`${pair.app.url}/highest`, { headers: HTML });
    expect(weak.status).toBe(302);
    const stepped = await signIn(jean, pair.app, weak.headers.get('location')!, 'jean.dupont');
    expect(stepped.authorizationUrl.searchParams.get('acr_values')).toBe('eidas3');
    expect(stepped.callback.status).toBe(302);
    expect(await getJson(jean, `${pair.app.url}/highest`)).toEqual({ status: 200, body: { acr: 'eidas3' } });

    const marie = new FakeBrowser();
    await signIn(marie, pair.app, '/auth/login', 'marie.lefevre');
    const refused = await signIn(
      marie,
      pair.app,
      (await marie.request(`${pair.app.url}/highest`, { headers: HTML })).headers.get('location')!,
      'marie.lefevre',
    );
    expect(refused.callback.status).toBe(403);
    expect(await refused.callback.text()).toContain('data-error-code="NC_CONNECT_ASSURANCE_INSUFFICIENT"');
  });
});
