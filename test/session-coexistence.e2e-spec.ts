import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { Controller, Get, Req } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Request } from 'express';
import session from 'express-session';
import type { FastifyRequest } from 'fastify';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import { logOutAtEmulator, statusOf } from './support/session-helpers.js';
import type { TestAdapter, TestApp, TestAppExtras } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

declare module 'express-session' {
  interface SessionData {
    visits?: number;
  }
}
declare module 'fastify' {
  interface Session {
    visits?: number;
  }
}

/** The app's own session: its cookie name and secret, nothing in common with the library's. */
const APP_COOKIE = 'app.sid';
const APP_SECRET = 'the-app-own-session-secret-0123456789';

/** Counts the visits in the app's own express-session. */
@Controller()
class ExpressVisitsController {
  @Get('visits')
  visits(@Req() req: Request) {
    req.session.visits = (req.session.visits ?? 0) + 1;
    return { visits: req.session.visits, id: req.sessionID };
  }
}

/** Counts the visits in the app's own @fastify/session. */
@Controller()
class FastifyVisitsController {
  @Get('visits')
  visits(@Req() req: FastifyRequest) {
    const visits = (req.session.get('visits') ?? 0) + 1;
    req.session.set('visits', visits);
    return { visits, id: req.session.sessionId };
  }
}

/** The app installs its own session middleware, as apps do, before the library ever runs. */
const APPS: Record<TestAdapter, TestAppExtras> = {
  express: {
    controllers: [ExpressVisitsController],
    configure: (app) =>
      (app as NestExpressApplication).use(
        session({ name: APP_COOKIE, secret: APP_SECRET, resave: false, saveUninitialized: false }),
      ),
  },
  fastify: {
    controllers: [FastifyVisitsController],
    configure: async (app) => {
      const fastify = app as NestFastifyApplication;
      await fastify.register(fastifyCookie);
      await fastify.register(fastifySession, {
        cookieName: APP_COOKIE,
        secret: APP_SECRET,
        cookie: { secure: false },
        saveUninitialized: false,
      });
    },
  },
};

describe.each(['express', 'fastify'] as const)('the app’s own session beside NC Connect’s, on %s', (adapter) => {
  let emulator: NcConnectEmulator;
  let app: TestApp;

  beforeAll(async () => {
    ({ provider: emulator, app } = await startEmulatorPair({
      client: (port) => ({ backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout` }),
      module: { session: { secret: 'the-library-session-secret-0123456789' } },
      adapter,
      extras: APPS[adapter],
    }));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  /** One more visit counted in the app's session; its count and the app's session id. */
  async function visit(browser: FakeBrowser): Promise<{ visits: unknown; id: unknown }> {
    const { status, body } = await getJson(browser, `${app.url}/visits`);
    expect(status).toBe(200);
    return { visits: body.visits, id: body.id };
  }
  const me = (browser: FakeBrowser) => statusOf(browser, `${app.url}/auth/me`);

  it('keeps the app’s session value and id through a login', async () => {
    const browser = new FakeBrowser();
    await visit(browser);
    const before = await visit(browser);
    expect(before.visits).toBe(2);
    await logIn(browser, app.url);
    expect({ me: await me(browser), ...(await visit(browser)) }).toEqual({ me: 200, visits: 3, id: before.id });
  });

  it('keeps the app’s session value and id through a logout', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const before = await visit(browser);
    expect((await browser.request(`${app.url}/auth/logout`)).status).toBe(302);
    expect({ me: await me(browser), ...(await visit(browser)) }).toEqual({
      me: 401,
      visits: Number(before.visits) + 1,
      id: before.id,
    });
  });

  it('keeps the app’s session value and id through a back-channel logout, which ends the user’s session', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    const before = await visit(browser);
    await logOutAtEmulator(browser, emulator.issuer);
    expect({ me: await me(browser), ...(await visit(browser)) }).toEqual({
      me: 401,
      visits: Number(before.visits) + 1,
      id: before.id,
    });
  });
});
