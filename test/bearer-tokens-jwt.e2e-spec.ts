import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NcConnectGuard } from 'nestjs-nc-connect';
import { FaultProvider } from './fixtures/fault-provider.js';
import { bearer, call, CLIENT, MixedController, moduleFor, startApp, type RunningApp } from './support/bearer-app.js';
import { ADAPTERS } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ADAPTERS)('NcConnectBearerGuard with JWT access tokens (V3), on %s', (adapter) => {
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
      adapter,
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

  it('refuses an ID token, a refresh token or a logout token in place of an access token', async () => {
    const idToken = { scope: undefined, nonce: 'n-0S6_WzA2Mj', at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q' };
    for (const claims of [
      idToken,
      { ...idToken, nonce: undefined }, // an ID token from the token endpoint, without nonce
      { typ: 'ID' }, // Keycloak's ID token
      { typ: 'Refresh' }, // Keycloak's refresh token
      { events: { 'http://schemas.openid.net/event/backchannel-logout': {} } },
    ]) {
      await expectRefused(await provider.jwtAccessToken({ typ: 'JWT', claims }), 'The token is not an access token.');
    }
    await expectRefused(await provider.jwtAccessToken({ typ: 'logout+jwt' }), 'The token is not an access token.');
  });

  it('accepts plain JWT-typed access tokens (a scope, nothing of an ID token) and RFC 9068 client_id', async () => {
    const plain = await provider.jwtAccessToken({ typ: 'JWT' });
    expect((await call(`${app.url}/api/me`, bearer(plain))).status).toBe(200);
    const rfc9068 = await provider.jwtAccessToken({
      claims: { aud: 'https://api.example.nc', azp: undefined, client_id: CLIENT.clientId },
    });
    expect((await call(`${app.url}/api/me`, bearer(rfc9068))).status).toBe(200);
    const foreign = await provider.jwtAccessToken({
      claims: { aud: 'https://api.example.nc', azp: undefined, client_id: 'another-service' },
    });
    await expectRefused(foreign, 'The access token is not meant for this service.');
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
