import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Get,
  Inject,
  Module,
  Post,
  Redirect,
  Req,
  Res,
  UseGuards,
  type CanActivate,
  type DynamicModule,
  type Type,
} from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import {
  CurrentUser,
  getNcConnectToken,
  NcConnectGuard,
  NcConnectLogout,
  NcConnectModule,
  type NcConnectAuthInfo,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import { startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { freePort } from './support/free-port.js';
import { LogCollector } from './support/log-collector.js';
import { confirmLogoutAtEmulator, FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';
import { ADAPTERS, createNestApp, listen, type TestApp } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

type SessionRequest = Parameters<NcConnectLogout['logOut']>[0];

/** How an app without the library's controller wires NC Connect into its own French routes. */
interface Scenario {
  name: string;
  /** The instance the app registers (`undefined`: the default one). */
  instance?: string;
  /** The guard of `/connexion` and `/connexion/retour`, from `@nestjs/passport` only. */
  passportGuard: Type<CanActivate>;
  imports?: DynamicModule[];
}

const SCENARIOS: Scenario[] = [
  { name: "AuthGuard('nc-connect')", passportGuard: AuthGuard('nc-connect') },
  {
    name: "PassportModule.register({ defaultStrategy: 'nc-connect' }) and AuthGuard()",
    passportGuard: AuthGuard(),
    imports: [PassportModule.register({ defaultStrategy: 'nc-connect' })],
  },
  {
    name: "a named instance and AuthGuard('nc-connect:agents')",
    instance: 'agents',
    passportGuard: AuthGuard('nc-connect:agents'),
  },
];

/** The app's own routes: login and callback behind `passportGuard`, a page behind the library's guard, logout. */
function frenchRoutes(scenario: Scenario): Type {
  const instance = scenario.instance ?? 'default';
  @Controller()
  class ConnexionController {
    constructor(@Inject(getNcConnectToken(NcConnectLogout, instance)) private readonly logout: NcConnectLogout) {}

    /** Never runs: the strategy answers the redirect to NC Connect. */
    @Get('connexion')
    @UseGuards(scenario.passportGuard)
    connexion() {
      return { handlerRan: true };
    }

    @Get('connexion/retour')
    @UseGuards(scenario.passportGuard)
    @Redirect()
    retour(@Req() req: { user?: NcConnectUser; authInfo?: NcConnectAuthInfo }) {
      const ok = req.user?.sub !== undefined && req.authInfo?.ncConnectUser.sub === req.user.sub;
      return { url: ok ? req.authInfo!.returnTo : '/sans-utilisateur' };
    }

    @Get('moi')
    @UseGuards(NcConnectGuard.for(instance))
    moi(@CurrentUser('login') login: string) {
      return { login };
    }

    @Post('deconnexion')
    @Redirect()
    async deconnexion(@Req() req: SessionRequest, @Res({ passthrough: true }) res: object) {
      return { url: await this.logout.logOut(req, res) };
    }
  }
  return ConnexionController;
}

describe.each(ADAPTERS)('login routes of the app, with @nestjs/passport only, on %s', (adapter) => {
  describe.each(SCENARIOS)('$name', (scenario) => {
    let emulator: NcConnectEmulator;
    let app: TestApp;
    const logs = new LogCollector();

    beforeAll(async () => {
      const port = await freePort();
      const origin = `http://localhost:${port}`;
      const client = {
        clientId: 'connexion-client',
        clientSecret: 'connexion-client-secret-0123456789',
        redirectUris: [`${origin}/connexion/retour`],
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
            session: { secret: 'connexion-app-session-secret-0123456789' },
            routePrefix: false,
            ...(scenario.instance ? { name: scenario.instance } : {}),
          }),
          ...(scenario.imports ?? []),
        ],
        controllers: [frenchRoutes(scenario)],
      })
      class FrenchAppModule {}
      const nest = await createNestApp(FrenchAppModule, adapter, logs);
      app = { app: nest, url: await listen(nest, port), logs, close: () => nest.close() };
    });
    afterAll(async () => {
      await app?.close();
      await emulator?.close();
    });

    it('logs in through /connexion and /connexion/retour, into the library session, and out through NC Connect', async () => {
      const browser = new FakeBrowser();
      const start = await browser.request(`${app.url}/connexion?returnTo=%2Fmoi`, { headers: HTML });
      expect(start.status).toBe(302);
      const authorization = new URL(start.headers.get('location')!);
      expect(authorization.origin).toBe(new URL(emulator.issuer).origin);
      expect(authorization.searchParams.get('redirect_uri')).toBe(`${app.url}/connexion/retour`);
      expect(start.headers.get('cache-control')).toBe('no-store');
      expect(start.headers.get('referrer-policy')).toBe('no-referrer');

      const { callbackUrl } = await signInAtEmulator(browser, `${app.url}/connexion?returnTo=%2Fmoi`, app.url);
      expect(new URL(callbackUrl).pathname).toBe('/connexion/retour');
      const callback = await browser.request(callbackUrl, { headers: HTML });
      expect([callback.status, callback.headers.get('location')]).toEqual([302, '/moi']);
      expect(await getJson(browser, `${app.url}/moi`)).toEqual({ status: 200, body: { login: 'jean.dupont' } });

      const logout = await browser.request(`${app.url}/deconnexion`, { method: 'POST' });
      expect(logout.status).toBe(302);
      const endSession = new URL(logout.headers.get('location')!);
      expect(endSession.href.startsWith(emulator.issuer)).toBe(true);
      expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
      expect((await getJson(browser, `${app.url}/moi`)).status).toBe(401);
      const back = new URL(await confirmLogoutAtEmulator(browser, endSession.href));
      expect(`${back.origin}${back.pathname}`).toBe(`${app.url}/`);
      // NC Connect's session ended too: logging in again asks for the password (no single sign-on).
      const again = await browser.request(`${app.url}/connexion`, { headers: HTML });
      const { url } = await browser.navigate(again.headers.get('location')!, app.url);
      expect(url.startsWith(app.url)).toBe(false);
    });

    it('refuses a callback opened in another browser, before the handler runs', async () => {
      const { callbackUrl } = await signInAtEmulator(new FakeBrowser(), `${app.url}/connexion`, app.url);
      const stranger = new FakeBrowser();
      const callback = await stranger.request(callbackUrl, { headers: { accept: 'application/json' } });
      expect(callback.status).toBe(400);
      expect(await callback.json()).toMatchObject({ code: 'NC_CONNECT_STATE_MISMATCH' });
      expect((await getJson(stranger, `${app.url}/moi`)).status).toBe(401);
    });

    it('has no library routes (routePrefix: false)', async () => {
      expect((await new FakeBrowser().request(`${app.url}/auth/login`)).status).toBe(404);
    });
  });

  describe("the library's own login route", () => {
    let pair: Awaited<ReturnType<typeof startEmulatorPair>>;
    beforeAll(async () => {
      // A global PassportModule: its options reach the strategy only through a guard Nest's injector makes.
      const passport = { ...PassportModule.register({ prompt: 'login' }), global: true };
      pair = await startEmulatorPair({ adapter, extras: { imports: [passport] } });
    });
    afterAll(() => pair?.close());

    it('runs the strategy through an AuthGuard made by Nest, so PassportModule options apply', async () => {
      const login = await new FakeBrowser().request(`${pair.app.url}/auth/login`);
      expect(login.status).toBe(302);
      expect(new URL(login.headers.get('location')!).searchParams.get('prompt')).toBe('login');
    });
  });
});
