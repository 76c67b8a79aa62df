import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CurrentUser, NcConnectGuard, NcConnectInstance, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { startTwoRealms, type TwoRealms } from './support/two-realms.js';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { LogCollector } from './support/log-collector.js';
import { getJson, HTML, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, createNestApp, listen, type TestApp } from './support/test-app.js';

@Controller()
class RealmsController {
  @Get('citizen')
  @UseGuards(NcConnectGuard)
  citizen(@CurrentUser() user: NcConnectUser) {
    return { iss: user.claims.iss, login: user.login };
  }

  @Get('agent')
  @NcConnectInstance('agents') // the global (citizens') guard steps aside
  @UseGuards(NcConnectGuard.for('agents'))
  agent(@CurrentUser() user: NcConnectUser) {
    return { iss: user.claims.iss, login: user.login };
  }

  /** Both realms' guards on one request: each must look at its own session only. */
  @Get('both')
  @UseGuards(NcConnectGuard, NcConnectGuard.for('agents'))
  both() {
    return { both: true };
  }
}

describe.each(ADAPTERS)(
  'citizens and government agents side by side (two NC Connect realms in one app), on %s',
  (adapter) => {
    let realms: TwoRealms;
    let app: TestApp['app'];
    let url: string;

    beforeAll(async () => {
      const port = await freePort();
      url = `http://localhost:${port}`;
      realms = await startTwoRealms(url);
      @Module({
        imports: [
          NcConnectModule.forRoot(realms.options(realms.citizens, 'auth')),
          NcConnectModule.forRoot({
            ...realms.options(realms.agents, 'agents/auth'),
            name: 'agents',
            routePrefix: 'agents/auth',
          }),
        ],
        controllers: [RealmsController],
        // The citizens' guard everywhere, as the sample app does.
        providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],
      })
      class RealmsApp {}

      app = await createNestApp(RealmsApp, adapter, new LogCollector());
      await listen(app, port);
    });
    afterAll(async () => {
      await app?.close();
      await realms?.close();
    });

    async function logIn(browser: FakeBrowser, prefix: string): Promise<void> {
      const { callbackUrl } = await signInAtEmulator(browser, `${url}/${prefix}/login`, url);
      expect((await browser.request(callbackUrl)).status).toBe(302);
    }

    it('sends an anonymous browser to each realm’s own login', async () => {
      const browser = new FakeBrowser();
      const citizen = await browser.request(`${url}/citizen`, { headers: HTML });
      const agent = await browser.request(`${url}/agent`, { headers: HTML });
      expect(citizen.headers.get('location')).toBe('/auth/login?returnTo=%2Fcitizen');
      expect(agent.headers.get('location')).toBe('/agents/auth/login?returnTo=%2Fagent');
      const login = await browser.request(`${url}/agents/auth/login`);
      expect(login.headers.get('location')!.startsWith(`${realms.agents.issuer}/protocol/openid-connect/auth?`)).toBe(
        true,
      );
    });

    it('lets an agent alone (no citizen session) through an agent route despite the global citizens’ guard', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, 'agents/auth');
      expect((await getJson(browser, `${url}/agent`)).body).toEqual({
        iss: realms.agents.issuer,
        login: 'jean.dupont',
      });
      expect((await getJson(browser, `${url}/citizen`)).status).toBe(401);
    });

    it('does not let a citizen session open an agent route', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, 'auth');
      expect((await getJson(browser, `${url}/citizen`)).body).toEqual({
        iss: realms.citizens.issuer,
        login: 'jean.dupont',
      });
      const agent = await getJson(browser, `${url}/agent`);
      expect([agent.status, agent.body.code]).toEqual([401, 'NC_CONNECT_LOGIN_REQUIRED']);
      // Even when the citizen session is already loaded in the same request.
      expect((await getJson(browser, `${url}/both`)).status).toBe(401);
      await logIn(browser, 'agents/auth');
      expect((await getJson(browser, `${url}/both`)).body).toEqual({ both: true });
    });

    it('keeps both sessions apart in one browser, each with its own cookie, and ends one alone', async () => {
      const browser = new FakeBrowser();
      await logIn(browser, 'auth');
      await logIn(browser, 'agents/auth');
      expect(browser.cookie('nc_connect.sid')).toBeDefined();
      expect(browser.cookie('nc_connect_agents.sid')).toBeDefined();
      expect((await getJson(browser, `${url}/citizen`)).body.iss).toBe(realms.citizens.issuer);
      expect((await getJson(browser, `${url}/agent`)).body.iss).toBe(realms.agents.issuer);

      const logout = await browser.request(`${url}/agents/auth/logout`);
      expect(logout.headers.get('location')!.startsWith(realms.agents.issuer)).toBe(true);
      expect((await getJson(browser, `${url}/agent`)).status).toBe(401);
      expect((await getJson(browser, `${url}/citizen`)).status).toBe(200);
      expect((await getJson(browser, `${url}/auth/me`)).body).toMatchObject({ login: 'jean.dupont' });
      expect((await getJson(browser, `${url}/agents/auth/me`)).status).toBe(401);
    });
  },
);
