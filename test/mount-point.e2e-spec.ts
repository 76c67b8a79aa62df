import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Get,
  Module,
  RequestMethod,
  VersioningType,
  type DynamicModule,
  type INestApplication,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, RouterModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CurrentUser, NcConnectGuard, NcConnectModule } from 'nestjs-nc-connect';
import { startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { LogCollector } from './support/log-collector.js';
import { getJson, HTML, signInAtEmulator } from './support/login-steps.js';

@Controller()
class PagesController {
  @Get('profile')
  profile(@CurrentUser('login') login: string) {
    return { login };
  }
}

/** How the app mounts its routes, and where the library's routes should then be. */
interface Mounting {
  name: string;
  /** The app's own `/profile` and the library's prefix, as mounted. */
  profile: string;
  auth: string;
  routePrefix?: string;
  imports?: DynamicModule[];
  setUp?: (app: INestApplication) => void;
}

const MOUNTINGS: Mounting[] = [
  {
    name: "app.setGlobalPrefix('v1')",
    profile: '/v1/profile',
    auth: '/v1/auth',
    setUp: (app) => app.setGlobalPrefix('v1'),
  },
  {
    name: "RouterModule.register([{ path: 'citoyens', module: NcConnectModule }])",
    profile: '/profile',
    auth: '/citoyens/auth',
    imports: [RouterModule.register([{ path: 'citoyens', module: NcConnectModule }])],
  },
  {
    name: "URI versioning (defaultVersion '1') and setGlobalPrefix('api', { exclude: POST auth/login })",
    profile: '/api/v1/profile',
    auth: '/api/auth',
    setUp: (app) => {
      app.setGlobalPrefix('api', { exclude: [{ path: 'auth/login', method: RequestMethod.POST }] });
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    },
  },
  {
    name: "setGlobalPrefix('api') with routePrefix 'connexion'",
    profile: '/api/profile',
    auth: '/api/connexion',
    routePrefix: 'connexion',
    setUp: (app) => app.setGlobalPrefix('api'),
  },
];

describe.each(['express', 'fastify'] as const)('on %s', (adapter) => {
  describe.each(MOUNTINGS)('mounted with $name', (mounting) => {
    let emulator: NcConnectEmulator;
    let app: INestApplication;
    let origin: string;
    const logs = new LogCollector();

    beforeAll(async () => {
      const port = await freePort();
      origin = `http://localhost:${port}`;
      const client = {
        clientId: 'mounted-client',
        clientSecret: 'mounted-client-secret-0123456789',
        redirectUris: [`${origin}${mounting.auth}/callback`],
        postLogoutRedirectUris: [`${origin}/`],
      };
      emulator = await startNcConnectEmulator({ clients: [client] });
      @Module({
        imports: [
          NcConnectModule.forRoot({
            issuer: emulator.issuer,
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            redirectUri: client.redirectUris[0],
            postLogoutRedirectUri: client.postLogoutRedirectUris[0],
            session: { secret: 'mounted-app-session-secret-0123456789' },
            routePrefix: mounting.routePrefix,
          }),
          ...(mounting.imports ?? []),
        ],
        controllers: [PagesController],
        providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],
      })
      class MountedAppModule {}
      const options = { logger: logs };
      app =
        adapter === 'fastify'
          ? await NestFactory.create(MountedAppModule, new FastifyAdapter(), options)
          : await NestFactory.create(MountedAppModule, options);
      mounting.setUp?.(app);
      await app.listen(port, '127.0.0.1');
    });
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('sends an anonymous browser to the mounted login route, and logs in and out there', async () => {
      const browser = new FakeBrowser();
      const guarded = await browser.request(`${origin}${mounting.profile}?tab=1`, { headers: HTML });
      expect(guarded.status).toBe(302);
      const login = guarded.headers.get('location')!;
      expect(login).toBe(`${mounting.auth}/login?returnTo=${encodeURIComponent(`${mounting.profile}?tab=1`)}`);

      const { callbackUrl } = await signInAtEmulator(browser, `${origin}${login}`, origin);
      expect(new URL(callbackUrl).pathname).toBe(`${mounting.auth}/callback`);
      const callback = await browser.request(callbackUrl, { headers: HTML });
      expect([callback.status, callback.headers.get('location')]).toEqual([302, `${mounting.profile}?tab=1`]);
      expect(await getJson(browser, `${origin}${mounting.profile}`)).toEqual({
        status: 200,
        body: { login: 'jean.dupont' },
      });
      expect((await getJson(browser, `${origin}${mounting.auth}/me`)).status).toBe(200);

      const logout = await browser.request(`${origin}${mounting.auth}/logout`);
      expect(logout.status).toBe(302);
      expect((await getJson(browser, `${origin}${mounting.auth}/me`)).status).toBe(401);
    });

    it('says nothing about a redirect URI that leads to the mounted callback route', () => {
      expect(logs.library().filter((line) => line.includes('redirectUri'))).toEqual([]);
    });

    it("links the error page's retry to the mounted login route", async () => {
      const page = await new FakeBrowser().request(`${origin}${mounting.auth}/callback?state=forged&code=x`, {
        headers: HTML,
      });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain(`<a href="${mounting.auth}/login">Réessayer</a>`);
    });
  });
});

describe('a redirect URI that misses the mounted callback route', () => {
  it('is named in a start-up warning, with the path Nest mounted the callback at', async () => {
    const logs = new LogCollector();
    @Module({
      imports: [
        NcConnectModule.forRoot({
          issuer: 'http://127.0.0.1:9/realm', // never reached: only the start-up check runs
          clientId: 'svc',
          clientSecret: 'secret',
          redirectUri: 'http://localhost:3000/auth/callback',
          session: { secret: 'mounted-app-session-secret-0123456789' },
        }),
      ],
    })
    class ForgotThePrefixModule {}
    const app = await NestFactory.create(ForgotThePrefixModule, { logger: logs });
    app.setGlobalPrefix('v1');
    await app.init();
    await app.close();
    expect(logs.library().filter((line) => line.startsWith('warn') && line.includes('redirectUri'))).toEqual([
      expect.stringContaining(
        'redirectUri (http://localhost:3000/auth/callback) does not lead to the callback route, which Nest mounted at /v1/auth/callback',
      ),
    ]);
  });
});
