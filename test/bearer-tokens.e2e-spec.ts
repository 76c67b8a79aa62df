import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NcConnectBearerGuard, NcConnectGuard, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { FaultProvider } from './fixtures/fault-provider.js';
import {
  ApiOnlyController,
  bearer,
  call,
  CLIENT,
  GlobalBearerController,
  MixedController,
  moduleFor,
  startApp,
  type RunningApp,
} from './support/bearer-app.js';
import { freePort } from './support/free-port.js';
import { ADAPTERS } from './support/test-app.js';

// The emulator's own access tokens (V3 JWT, V2 opaque): bearer-tokens-emulator.e2e-spec.ts.
describe.each(ADAPTERS)('NcConnectBearerGuard, on %s', (adapter) => {
  describe("NcConnectBearerGuard with opaque access tokens (V2 without introspection), checked with userinfo (bearer.opaqueTokens: 'userinfo')", () => {
    let provider: FaultProvider;
    let cached: RunningApp;
    let uncached: RunningApp;
    let notOptedIn: RunningApp;

    beforeAll(async () => {
      provider = await FaultProvider.start({
        flavor: 'v2',
        client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
      });
      cached = await startApp(
        moduleFor(provider, { bearer: { opaqueTokens: 'userinfo' } }),
        [MixedController],
        NcConnectGuard,
        adapter,
      );
      uncached = await startApp(
        moduleFor(provider, { bearer: { cacheTtl: 0, opaqueTokens: 'userinfo' } }),
        [MixedController],
        NcConnectGuard,
        adapter,
      );
      notOptedIn = await startApp(moduleFor(provider), [MixedController], NcConnectGuard, adapter);
    });
    afterAll(async () => {
      await cached?.close();
      await uncached?.close();
      await notOptedIn?.close();
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

    it('refuses every opaque token, without asking userinfo, when the app has not opted in (no introspection_endpoint)', async () => {
      const token = provider.opaqueAccessToken();
      expect((await call(`${uncached.url}/api/me`, bearer(token))).status).toBe(200);
      const before = userinfoCalls();
      const answer = await call(`${notOptedIn.url}/api/me`, bearer(token));
      expect([answer.status, answer.body.code, answer.body.message]).toEqual([
        401,
        'NC_CONNECT_BEARER_TOKEN_INVALID',
        "Opaque access tokens are refused: NC Connect offers no token introspection and bearer.opaqueTokens is not 'userinfo'.",
      ]);
      expect(userinfoCalls()).toBe(before);
      // JWT access tokens are not concerned: they are checked locally.
      const jwt = await call(`${notOptedIn.url}/api/me`, bearer(await provider.jwtAccessToken()));
      expect(jwt.status).toBe(200);
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

  describe('NcConnectBearerGuard with opaque access tokens checked by introspection (fault provider)', () => {
    let provider: FaultProvider;
    let app: RunningApp;

    beforeAll(async () => {
      provider = await FaultProvider.start({
        flavor: 'v2',
        client: { ...CLIENT, redirectUri: 'http://localhost:3999/auth/callback' },
      });
      // Before the app discovers: discovery then lists the introspection endpoint.
      provider.faults = { introspection: {} };
      app = await startApp(
        moduleFor(provider, { bearer: { cacheTtl: 0 } }),
        [MixedController],
        NcConnectGuard,
        adapter,
      );
    });
    afterAll(async () => {
      await app?.close();
      await provider?.close();
    });

    const counts = () => [provider.counts.introspection ?? 0, provider.counts.userinfo ?? 0];

    it('reads the user from userinfo when the introspection response has no identity claims', async () => {
      const [introspections, userinfos] = counts();
      const answer = await call(`${app.url}/api/me`, bearer(provider.opaqueAccessToken()));
      expect(answer.status).toBe(200);
      expect(answer.body.user).toMatchObject({ sub: 'ppid-jean-dupont', login: 'jean.dupont' });
      expect(counts()).toEqual([introspections + 1, userinfos + 1]);
    });

    it('refuses a token introspection calls inactive, expired, for another client or not an access token', async () => {
      const revoked = provider.opaqueAccessToken();
      provider.revoke(revoked);
      const cases: [Record<string, unknown> | undefined, string, string][] = [
        [undefined, revoked, 'The access token is invalid, expired or revoked.'],
        [{ exp: Math.floor(Date.now() / 1000) - 60 }, provider.opaqueAccessToken(), 'The access token expired.'],
        [
          { client_id: 'other-service' },
          provider.opaqueAccessToken(),
          'The access token is not meant for this service.',
        ],
        [{ token_type: undefined }, provider.opaqueAccessToken(), 'The token is not an access token.'],
      ];
      try {
        for (const [claims, token, message] of cases) {
          provider.faults = { introspection: { claims } };
          const answer = await call(`${app.url}/api/me`, bearer(token));
          expect([answer.status, answer.body.code, answer.body.message]).toEqual([
            401,
            'NC_CONNECT_BEARER_TOKEN_INVALID',
            message,
          ]);
        }
      } finally {
        provider.faults = { introspection: {} };
      }
    });

    it('refuses a token whose userinfo names another user than introspection', async () => {
      provider.faults = { introspection: {}, userinfo: { sub: 'ppid-someone-else' } };
      try {
        const answer = await call(`${app.url}/api/me`, bearer(provider.opaqueAccessToken()));
        expect([answer.status, answer.body.message]).toEqual([401, 'The access token is invalid.']);
      } finally {
        provider.faults = { introspection: {} };
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
      globalApp = await startApp(moduleFor(provider), [GlobalBearerController], NcConnectBearerGuard, adapter);
      apiOnly = await startApp(moduleFor(provider), [ApiOnlyController], NcConnectBearerGuard, adapter);
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
      app = await startApp(moduleFor(provider, { validateUser }), [MixedController], NcConnectGuard, adapter);
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
        adapter,
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
});
