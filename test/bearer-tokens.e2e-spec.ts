import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  BearerAuth,
  CurrentUser,
  NcConnectBearerGuard,
  NcConnectGuard,
  NcConnectModule,
  OptionalAuth,
  Public,
  type NcConnectModuleOptions,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import { demoClientFor, startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { LogCollector } from './support/log-collector.js';
import { getJson, logIn } from './support/login-steps.js';
import { ncConnectImport, startTestApp, type TestApp } from './support/test-app.js';

const CLIENT = { clientId: 'bearer-client', clientSecret: 'bearer-client-secret' };

/** An API beside the session-guarded pages, with `NcConnectGuard` installed globally. */
@Controller()
class MixedController {
  @Get('api/me')
  @BearerAuth()
  me(@CurrentUser() user: NcConnectUser, @CurrentUser('login') login?: string) {
    return { user, login };
  }

  @Get('api/maybe')
  @BearerAuth()
  @OptionalAuth()
  maybe(@CurrentUser() user?: NcConnectUser) {
    return { sub: user?.sub ?? null };
  }

  @Get('page')
  page(@CurrentUser() user: NcConnectUser) {
    return { sub: user.sub };
  }
}

/** A pure API: `NcConnectBearerGuard` installed globally. */
@Controller()
@BearerAuth()
class ApiOnlyController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('health')
  @Public()
  health() {
    return { status: 'ok' };
  }
}

@Controller()
class GlobalBearerController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get('maybe')
  @OptionalAuth()
  maybe(@CurrentUser('sub') sub?: string) {
    return { sub: sub ?? null };
  }
}

interface RunningApp {
  url: string;
  logs: LogCollector;
  close(): Promise<void>;
}

async function startApp(
  ncConnect: DynamicModule,
  controllers: unknown[],
  globalGuard: typeof NcConnectGuard | typeof NcConnectBearerGuard,
): Promise<RunningApp> {
  @Module({
    imports: [ncConnect],
    controllers: controllers as never[],
    providers: [{ provide: APP_GUARD, useClass: globalGuard }],
  })
  class BearerTestModule {}
  const logs = new LogCollector();
  const app = await NestFactory.create<NestExpressApplication>(BearerTestModule, { logger: logs });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://localhost:${port}`, logs, close: () => app.close() };
}

function moduleFor(provider: FaultProvider, extra: Partial<NcConnectModuleOptions> = {}): DynamicModule {
  return NcConnectModule.forRoot({
    issuer: provider.issuer,
    ...CLIENT,
    redirectUri: provider.client.redirectUri,
    clockTolerance: 0,
    httpTimeout: 1500,
    ...extra,
  });
}

/** GETs `url` with `Authorization: <authorization>` (none when undefined). */
async function call(url: string, authorization?: string) {
  const response = await fetch(url, { headers: authorization === undefined ? {} : { authorization } });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

const bearer = (token: string) => `Bearer ${token}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('NcConnectBearerGuard with JWT access tokens (V3)', () => {
  let provider: FaultProvider;
  let app: RunningApp;

  beforeAll(async () => {
    provider = await FaultProvider.start({
      flavor: 'v3',
      client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
    });
    app = await startApp(
      moduleFor(provider, { bearer: { audiences: [CLIENT.clientId, 'nc-connect-spa'] } }),
      [MixedController],
      NcConnectGuard,
    );
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  /** The answer to `token` on the bearer route: a 401 with `description`, or else fails. */
  async function expectRefused(token: string, description: string): Promise<void> {
    const answer = await call(`${app.url}/api/me`, bearer(token));
    expect(answer).toEqual({
      status: 401,
      challenge: `Bearer realm="nc-connect", error="invalid_token", error_description="${description}"`,
      body: { statusCode: 401, code: 'NC_CONNECT_BEARER_TOKEN_INVALID', message: description },
    });
  }

  it('accepts a valid token: @CurrentUser() is the user normalised from its claims', async () => {
    const answer = await call(`${app.url}/api/me`, bearer(await provider.jwtAccessToken()));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      login: 'jean.dupont',
      user: {
        sub: 'ppid-jean-dupont',
        login: 'jean.dupont',
        email: 'jean.dupont@example.nc',
        givenName: 'Jean Pierre',
        familyName: 'Dupont',
        claims: { scope: 'openid profile email', azp: CLIENT.clientId },
      },
    });
  });

  it('answers 401 with a bare challenge and NC_CONNECT_LOGIN_REQUIRED without a token, or with another scheme', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz']) {
      expect(await call(`${app.url}/api/me`, authorization)).toEqual({
        status: 401,
        challenge: 'Bearer realm="nc-connect"',
        body: {
          statusCode: 401,
          code: 'NC_CONNECT_LOGIN_REQUIRED',
          message: 'This API needs an NC Connect access token (Authorization: Bearer <token>).',
        },
      });
    }
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await provider.jwtAccessToken({ claims: { iat: now - 600, exp: now - 60 } }),
      'The access token expired.',
    );
  });

  it('refuses a token for another audience, and accepts one whose azp is an allowed audience', async () => {
    await expectRefused(
      await provider.jwtAccessToken({ claims: { aud: 'other-service', azp: 'other-service' } }),
      'The access token is not meant for this service.',
    );
    const spa = await provider.jwtAccessToken({ claims: { aud: 'account', azp: 'nc-connect-spa' } });
    expect((await call(`${app.url}/api/me`, bearer(spa))).status).toBe(200);
    const listed = await provider.jwtAccessToken({ claims: { aud: ['account', 'nc-connect-spa'], azp: 'other' } });
    expect((await call(`${app.url}/api/me`, bearer(listed))).status).toBe(200);
  });

  it('refuses a tampered token: claims changed after signing, or a broken signature', async () => {
    const [header, payload, signature] = (await provider.jwtAccessToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'ppid-someone-else' })).toString('base64url');
    await expectRefused(`${header}.${forged}.${signature}`, 'The access token is invalid.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] ^= 0xff;
    await expectRefused(`${header}.${payload}.${bytes.toString('base64url')}`, 'The access token is invalid.');
  });

  it.each<[string, Parameters<FaultProvider['jwtAccessToken']>[0]]>([
    ['a key the JWKS does not hold', { unpublishedKey: true }],
    ['HS256 with the client secret', { alg: 'HS256' }],
    ['alg none', { alg: 'none' }],
  ])('refuses a token signed with %s', async (_case, options) => {
    await expectRefused(await provider.jwtAccessToken(options), 'The access token is invalid.');
  });

  it('refuses an ID token (or any JWT that is not an access token) in place of an access token', async () => {
    await expectRefused(await provider.jwtAccessToken({ typ: 'JWT' }), 'The token is not an access token.');
    await expectRefused(
      await provider.jwtAccessToken({ typ: 'JWT', claims: { typ: 'ID' } }),
      'The token is not an access token.',
    );
  });

  it("accepts Keycloak's access tokens: typ JWT in the header, typ Bearer in the claims", async () => {
    const token = await provider.jwtAccessToken({ typ: 'JWT', claims: { typ: 'Bearer' } });
    expect((await call(`${app.url}/api/me`, bearer(token))).status).toBe(200);
  });

  it('refuses a token from another issuer, without exp, or without sub', async () => {
    await expectRefused(
      await provider.jwtAccessToken({ claims: { iss: `${provider.issuer}x` } }),
      'The access token was not issued by NC Connect.',
    );
    await expectRefused(
      await provider.jwtAccessToken({ claims: { exp: undefined } }),
      'The access token has no expiry.',
    );
    await expectRefused(
      await provider.jwtAccessToken({ claims: { sub: undefined } }),
      'The access token names no user.',
    );
  });

  it('refuses a malformed Authorization header', async () => {
    for (const authorization of ['Bearer', 'Bearer a b', 'Bearer ab"c']) {
      const answer = await call(`${app.url}/api/me`, authorization);
      expect([answer.status, answer.body.code, answer.challenge]).toEqual([
        401,
        'NC_CONNECT_BEARER_TOKEN_INVALID',
        'Bearer realm="nc-connect", error="invalid_token", error_description="The Authorization header is not a valid bearer token."',
      ]);
    }
  });

  it('logs a refused token without the token; an expired one only at debug level', async () => {
    const foreign = await provider.jwtAccessToken({ claims: { aud: 'other-service', azp: 'other-service' } });
    await call(`${app.url}/api/me`, bearer(foreign));
    const warnings = app.logs.lines.filter((line) => line.startsWith('warn') && line.includes('BEARER_TOKEN_INVALID'));
    expect(warnings.at(-1)).toContain('GET /api/me');
    expect(app.logs.lines.join('\n')).not.toContain(foreign.split('.')[2]);
  });

  it('lets a request without a token through @OptionalAuth(), but not a bad token', async () => {
    expect((await call(`${app.url}/api/maybe`)).body).toEqual({ sub: null });
    expect((await call(`${app.url}/api/maybe`, bearer(await provider.jwtAccessToken()))).body).toEqual({
      sub: 'ppid-jean-dupont',
    });
    expect((await call(`${app.url}/api/maybe`, bearer('not-a-jwt.at.all'))).status).toBe(401);
  });

  it('does not open a session-guarded route to a bearer token', async () => {
    const answer = await call(`${app.url}/page`, bearer(await provider.jwtAccessToken()));
    expect([answer.status, answer.body.code]).toEqual([401, 'NC_CONNECT_LOGIN_REQUIRED']);
  });

  it('never remembers a token past its exp, whatever bearer.cacheTtl says', async () => {
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await provider.jwtAccessToken({ claims: { iat: now, exp: now + 2 } });
    expect((await call(`${app.url}/api/me`, bearer(shortLived))).status).toBe(200);
    await sleep((now + 2) * 1000 - Date.now() + 200);
    await expectRefused(shortLived, 'The access token expired.');
  });
});

describe('NcConnectBearerGuard with opaque access tokens (V2), checked with userinfo', () => {
  let provider: FaultProvider;
  let cached: RunningApp;
  let uncached: RunningApp;

  beforeAll(async () => {
    provider = await FaultProvider.start({
      flavor: 'v2',
      client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
    });
    cached = await startApp(moduleFor(provider), [MixedController], NcConnectGuard);
    uncached = await startApp(moduleFor(provider, { bearer: { cacheTtl: 0 } }), [MixedController], NcConnectGuard);
  });
  afterAll(async () => {
    await cached?.close();
    await uncached?.close();
    await provider?.close();
  });

  const userinfoCalls = () => provider.counts.userinfo ?? 0;

  it("accepts a token userinfo knows, with the user normalised from V2's nested userinfo", async () => {
    const answer = await call(`${uncached.url}/api/me`, bearer(provider.opaqueAccessToken()));
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({
      sub: 'ppid-jean-dupont',
      login: 'jean.dupont',
      email: 'jean.dupont@example.nc',
    });
  });

  it('refuses a revoked token (userinfo refuses it)', async () => {
    const token = provider.opaqueAccessToken();
    expect((await call(`${uncached.url}/api/me`, bearer(token))).status).toBe(200);
    provider.revoke(token);
    const answer = await call(`${uncached.url}/api/me`, bearer(token));
    expect([answer.status, answer.body.code, answer.challenge]).toEqual([
      401,
      'NC_CONNECT_BEARER_TOKEN_INVALID',
      'Bearer realm="nc-connect", error="invalid_token", error_description="The access token is invalid, expired or revoked."',
    ]);
  });

  it('refuses a token NC Connect never issued', async () => {
    expect((await call(`${cached.url}/api/me`, bearer('made-up-token'))).status).toBe(401);
  });

  it('remembers a checked token for bearer.cacheTtl: userinfo is called once, even by concurrent requests', async () => {
    const token = provider.opaqueAccessToken();
    const before = userinfoCalls();
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(`${cached.url}/api/me`, bearer(token))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await call(`${cached.url}/api/me`, bearer(token))).status).toBe(200);
    expect(userinfoCalls() - before).toBe(1);
    // Within the cache's lifetime a revocation goes unnoticed: that is what bearer.cacheTtl trades.
    provider.revoke(token);
    expect((await call(`${cached.url}/api/me`, bearer(token))).status).toBe(200);
  });

  it('asks userinfo on every request with bearer.cacheTtl 0', async () => {
    const token = provider.opaqueAccessToken();
    const before = userinfoCalls();
    await call(`${uncached.url}/api/me`, bearer(token));
    await call(`${uncached.url}/api/me`, bearer(token));
    expect(userinfoCalls() - before).toBe(2);
  });

  it('answers 502 (not 401) when userinfo fails, and caches nothing', async () => {
    provider.faults = { userinfo: { status: 500, body: '<h1>oops</h1>', contentType: 'text/html' } };
    try {
      const token = provider.opaqueAccessToken();
      const answer = await call(`${cached.url}/api/me`, bearer(token));
      expect([answer.status, answer.body.code, answer.challenge]).toEqual([502, 'NC_CONNECT_USERINFO_INVALID', null]);
      provider.reset();
      expect((await call(`${cached.url}/api/me`, bearer(token))).status).toBe(200);
    } finally {
      provider.reset();
    }
  });
});

describe('NcConnectBearerGuard installed globally', () => {
  let provider: FaultProvider;
  let globalApp: RunningApp;
  let apiOnly: RunningApp;

  beforeAll(async () => {
    provider = await FaultProvider.start({
      flavor: 'v3',
      client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
    });
    globalApp = await startApp(moduleFor(provider), [GlobalBearerController], NcConnectBearerGuard);
    apiOnly = await startApp(moduleFor(provider), [ApiOnlyController], NcConnectBearerGuard);
  });
  afterAll(async () => {
    await globalApp?.close();
    await apiOnly?.close();
    await provider?.close();
  });

  it('guards every route, honours @Public() and @OptionalAuth()', async () => {
    const token = bearer(await provider.jwtAccessToken());
    expect((await call(`${globalApp.url}/private`)).status).toBe(401);
    expect((await call(`${globalApp.url}/private`, token)).body).toEqual({ sub: 'ppid-jean-dupont' });
    expect((await call(`${globalApp.url}/open`)).body).toEqual({ open: true });
    expect((await call(`${globalApp.url}/maybe`)).body).toEqual({ sub: null });
    expect((await call(`${globalApp.url}/maybe`, token)).body).toEqual({ sub: 'ppid-jean-dupont' });
  });

  it('lets @Public() on a handler open it inside a @BearerAuth() controller', async () => {
    expect((await call(`${apiOnly.url}/health`)).body).toEqual({ status: 'ok' });
    expect((await call(`${apiOnly.url}/private`)).status).toBe(401);
  });
});

describe('NcConnectBearerGuard and validateUser', () => {
  let provider: FaultProvider;
  let app: RunningApp;

  beforeAll(async () => {
    provider = await FaultProvider.start({
      flavor: 'v3',
      client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
    });
    const validateUser = (user: NcConnectUser) =>
      user.sub === 'ppid-refused' ? null : { citizenId: `citizen-of-${user.sub}`, login: user.login };
    app = await startApp(moduleFor(provider, { validateUser }), [MixedController], NcConnectGuard);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it("injects validateUser's user, and answers 403 NC_CONNECT_USER_REFUSED when it refuses", async () => {
    const accepted = await call(`${app.url}/api/me`, bearer(await provider.jwtAccessToken()));
    expect(accepted.body.user).toEqual({ citizenId: 'citizen-of-ppid-jean-dupont', login: 'jean.dupont' });
    const refused = await call(
      `${app.url}/api/me`,
      bearer(await provider.jwtAccessToken({ claims: { sub: 'ppid-refused' } })),
    );
    expect([refused.status, refused.body.code]).toEqual([403, 'NC_CONNECT_USER_REFUSED']);
  });
});

describe('NcConnectBearerGuard when NC Connect is unreachable', () => {
  let app: RunningApp;

  beforeAll(async () => {
    const port = await freePort(); // nothing listens there
    app = await startApp(
      NcConnectModule.forRoot({
        issuer: `http://127.0.0.1:${port}/realm`,
        ...CLIENT,
        redirectUri: 'http://localhost:3999/auth/callback',
        httpTimeout: 1500,
      }),
      [MixedController],
      NcConnectGuard,
    );
  });
  afterAll(() => app?.close());

  it('answers 503 NC_CONNECT_PROVIDER_UNAVAILABLE, not a refused token, for a JWT and for an opaque token', async () => {
    const jwtShaped = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    for (const token of [jwtShaped, 'opaque-token']) {
      const answer = await call(`${app.url}/api/me`, bearer(token));
      expect([answer.status, answer.body.code, answer.challenge]).toEqual([
        503,
        'NC_CONNECT_PROVIDER_UNAVAILABLE',
        null,
      ]);
    }
  });
});

describe('NcConnectBearerGuard with the access tokens of the emulator (node-oidc-provider, opaque)', () => {
  let emulator: NcConnectEmulator;
  let app: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    const client = demoClientFor(port);
    emulator = await startNcConnectEmulator({ port: 0, clients: [client] });
    @Controller()
    class BearerController {
      @Get('api/me')
      @BearerAuth()
      me(@CurrentUser() user: NcConnectUser) {
        return user;
      }
    }
    const ncConnect = ncConnectImport('forRoot', {
      issuer: emulator.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: client.redirectUris[0],
      keepTokens: true,
    });
    // The test app's own routes (/token among them) need the module too: re-exported.
    @Module({ imports: [ncConnect], controllers: [BearerController], exports: [ncConnect] })
    class WithBearer {}
    app = await startTestApp(WithBearer as unknown as DynamicModule, port);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.close();
  });

  it('accepts the access token of a real login, and refuses it once altered', async () => {
    const browser = new FakeBrowser();
    expect((await logIn(browser, app.url)).status).toBe(302);
    const { accessToken } = (await getJson(browser, `${app.url}/token`)).body as { accessToken: string };
    const answer = await call(`${app.url}/api/me`, bearer(accessToken));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ login: 'jean.dupont', email: 'jean.dupont@example.nc' });
    expect((await call(`${app.url}/api/me`, bearer(`${accessToken}x`))).status).toBe(401);
  });
});
