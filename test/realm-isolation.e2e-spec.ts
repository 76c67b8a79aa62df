import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, UseGuards, type DynamicModule } from '@nestjs/common';
import { CurrentUser, NcConnectGuard, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { signInAtEmulator } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { startTwoRealms, type TwoRealms } from './support/two-realms.js';
import { statusOf } from './support/session-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CITIZENS_COOKIE = 'nc_connect.sid';
const AGENTS_COOKIE = 'nc_connect_agents.sid';

@Controller()
class RealmsController {
  @Get('citizen')
  @UseGuards(NcConnectGuard)
  citizen(@CurrentUser() user: NcConnectUser) {
    return { iss: user.claims.iss };
  }

  @Get('agent')
  @UseGuards(NcConnectGuard.for('agents'))
  agent(@CurrentUser() user: NcConnectUser) {
    return { iss: user.claims.iss };
  }
}

describe('two realms sharing one Redis, one key prefix and one session secret', () => {
  let redis: RedisServer;
  let realms: TwoRealms;
  let app: TestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const port = await freePort();
    realms = await startTwoRealms(`http://localhost:${port}`);
    const shared = {
      redis: redis.url,
      redisKeyPrefix: 'one-service:',
      session: { secret: 'one-secret-for-both-realms-0123456789' },
    };
    const modules = [
      NcConnectModule.forRoot({ ...realms.options(realms.citizens, 'auth'), ...shared }),
      NcConnectModule.forRoot({
        ...realms.options(realms.agents, 'agents/auth'),
        ...shared,
        name: 'agents',
        routePrefix: 'agents/auth',
      }),
    ];
    @Module({ imports: modules, exports: modules })
    class BothRealms {}

    app = await startTestApp(BothRealms as unknown as DynamicModule, port, 'express', {
      controllers: [RealmsController],
    });
  });
  afterAll(async () => {
    await app?.close();
    await realms?.close();
    await redis?.dispose();
  });

  async function logIn(browser: FakeBrowser, prefix: string): Promise<void> {
    const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/${prefix}/login`, app.url);
    expect((await browser.request(callbackUrl)).status).toBe(302);
  }

  /** What each realm answers to `browser`. */
  async function answers(browser: FakeBrowser) {
    return {
      citizen: await statusOf(browser, `${app.url}/citizen`),
      citizensMe: await statusOf(browser, `${app.url}/auth/me`),
      agent: await statusOf(browser, `${app.url}/agent`),
      agentsMe: await statusOf(browser, `${app.url}/agents/auth/me`),
    };
  }

  it('does not open the agents’ realm with a citizen’s session cookie copied under the agents’ cookie name', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, 'auth');
    expect(browser.cookie(AGENTS_COOKIE)).toBeUndefined();
    browser.setCookie(AGENTS_COOKIE, browser.cookie(CITIZENS_COOKIE)!);
    expect(await answers(browser)).toEqual({ citizen: 200, citizensMe: 200, agent: 401, agentsMe: 401 });
  });

  it('does not open the citizens’ realm with an agent’s session cookie copied under the citizens’ cookie name', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, 'agents/auth');
    expect(browser.cookie(CITIZENS_COOKIE)).toBeUndefined();
    browser.setCookie(CITIZENS_COOKIE, browser.cookie(AGENTS_COOKIE)!);
    expect(await answers(browser)).toEqual({ citizen: 401, citizensMe: 401, agent: 200, agentsMe: 200 });
  });
});
