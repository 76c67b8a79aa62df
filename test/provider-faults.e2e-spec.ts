import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { NcConnectModule } from 'nestjs-nc-connect';
import { FaultProvider, type Faults } from './fixtures/fault-provider.js';
import { loginThroughFaultProvider, startFaultPair } from './support/test-pairs.js';
import { advanceClock } from './support/clock.js';
import { FakeBrowser } from './support/fake-browser.js';
import { freePort } from './support/free-port.js';
import { getJson } from './support/login-steps.js';
import { ADAPTERS, startTestApp, type TestApp } from './support/test-app.js';

type Claims = Record<string, unknown>;

interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

/** A login through the fault provider, and the JSON the app answered (if any). */
async function attemptLogin(browser: FakeBrowser, app: TestApp): Promise<Outcome> {
  const answer = await loginThroughFaultProvider(browser, app);
  const json = answer.headers.get('content-type')?.startsWith('application/json');
  return { status: answer.status, body: json ? ((await answer.json()) as Record<string, unknown>) : {} };
}

const CASES = ADAPTERS.flatMap((adapter) => (['v3', 'v2'] as const).map((flavor) => ({ adapter, flavor })));

describe.each(CASES)('a hostile or broken NC Connect $flavor, on $adapter', ({ adapter, flavor }) => {
  let provider: FaultProvider;
  let app: TestApp;

  /** A fresh provider and app (fresh key cache). */
  async function start(): Promise<void> {
    ({ provider, app } = await startFaultPair({ flavor, module: { httpTimeout: 1500 }, adapter }));
  }
  async function stop(): Promise<void> {
    await app?.close();
    await provider?.close();
  }

  beforeAll(start);
  afterAll(stop);
  beforeEach(() => provider.reset());

  /** The login fails with `status` and `code`, leaves no session, is logged, and the app still serves. */
  async function expectRefused(faults: Faults, status: number, code: string): Promise<void> {
    provider.faults = faults;
    const browser = new FakeBrowser();
    const logged = app.logs.library().length;
    const outcome = await attemptLogin(browser, app);
    expect([outcome.status, outcome.body.code]).toEqual([status, code]);
    expect(JSON.stringify(outcome.body)).not.toMatch(/eyJ|fault-client-secret/);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(401);
    expect((await getJson(browser, `${app.url}/open`)).body).toEqual({ open: true });
    expect(
      app.logs
        .library()
        .slice(logged)
        .some((line) => line.includes(code)),
    ).toBe(true);
  }

  async function expectAccepted(faults: Faults): Promise<void> {
    provider.faults = faults;
    const browser = new FakeBrowser();
    const outcome = await attemptLogin(browser, app);
    expect(outcome.status).toBe(302);
    expect((await getJson(browser, `${app.url}/auth/me`)).body).toMatchObject({
      sub: 'ppid-jean-dupont',
      login: 'jean.dupont',
    });
  }

  it('accepts a well-behaved login (the baseline every fault departs from)', () => expectAccepted({}));
  it('accepts an ES256 ID token', () => expectAccepted({ idTokenAlg: 'ES256' }));
  it('accepts an HS256 ID token signed with the client secret', () => expectAccepted({ idTokenAlg: 'HS256' }));
  it('accepts a signed userinfo', () => expectAccepted({ userinfo: { signed: true } }));
  it('accepts a signed userinfo without iss and aud (OpenID Connect Core 5.3.2: SHOULD)', () =>
    expectAccepted({ userinfo: { signed: 'bare' } }));
  it('accepts keys published without kid (one key per algorithm)', () => expectAccepted({ keysWithoutKid: true }));
  it('accepts keys published without kid when several RSA keys match (each is tried)', () =>
    expectAccepted({ keysWithoutKid: true, extraKeys: 2 }));

  describe('ID token signature', () => {
    it.each<[string, Faults]>([
      ['a broken RS256 signature', { breakIdTokenSignature: true }],
      ['a broken ES256 signature', { idTokenAlg: 'ES256', breakIdTokenSignature: true }],
      ['a broken HS256 signature', { idTokenAlg: 'HS256', breakIdTokenSignature: true }],
      ['alg none, although discovery advertises it', { idTokenAlg: 'none' }],
      ['a key the JWKS does not hold', { idTokenUnpublishedKey: true }],
    ])('refuses %s with 401 NC_CONNECT_ID_TOKEN_INVALID', (_case, faults) =>
      expectRefused(faults, 401, 'NC_CONNECT_ID_TOKEN_INVALID'),
    );
  });

  describe('ID token claims', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const without = (name: string) => (claims: Claims) => {
      const copy = { ...claims };
      delete copy[name];
      return copy;
    };
    it.each<[string, (claims: Claims) => Claims]>([
      ['iss with one character appended', (c) => ({ ...c, iss: `${String(c.iss)}x` })],
      ['another issuer', (c) => ({ ...c, iss: 'https://connect.gouv.nc' })],
      ['aud with one character appended', (c) => ({ ...c, aud: `${String(c.aud)}x` })],
      ['no aud', without('aud')],
      ['no sub', without('sub')],
      ['no iat', without('iat')],
      ['an expired exp', (c) => ({ ...c, exp: now() - 3600, iat: now() - 7200 })],
      ['an iat far in the future', (c) => ({ ...c, iat: now() + 24 * 3600, exp: now() + 25 * 3600 })],
      ['a wrong nonce', (c) => ({ ...c, nonce: 'not-the-nonce-of-this-login-0123456789' })],
      ['no nonce', without('nonce')],
      ['several audiences without azp', (c) => ({ ...c, aud: [c.aud, 'another-service'] })],
      ['an azp that is another client', (c) => ({ ...c, azp: 'another-service' })],
    ])('refuses %s with 401 NC_CONNECT_ID_TOKEN_INVALID', (_case, idTokenClaims) =>
      expectRefused({ idTokenClaims }, 401, 'NC_CONNECT_ID_TOKEN_INVALID'),
    );

    it('accepts several audiences when azp names this client', () =>
      expectAccepted({ idTokenClaims: (c) => ({ ...c, aud: [c.aud, 'another-service'], azp: c.aud }) }));
  });

  describe('userinfo', () => {
    it.each<[string, Faults]>([
      ['about another sub', { userinfo: { sub: 'someone-else' } }],
      ['an error', { userinfo: { status: 500, body: '{"error":"server_error"}' } }],
      ['HTML', { userinfo: { contentType: 'text/html', body: '<html><body>Maintenance</body></html>' } }],
      ['broken JSON', { userinfo: { body: '{"sub": "ppid-jean-dupont", "login": ' } }],
      ['signed by another issuer', { userinfo: { signed: true, signedIss: 'https://connect.gouv.nc/other' } }],
      ['signed for another client', { userinfo: { signed: true, signedAud: 'another-service' } }],
    ])('refuses userinfo %s with 502 NC_CONNECT_USERINFO_INVALID', (_case, faults) =>
      expectRefused(faults, 502, 'NC_CONNECT_USERINFO_INVALID'),
    );
  });

  describe('authorization response', () => {
    it.each<[string, number, string]>([
      ['access_denied', 401, 'NC_CONNECT_ACCESS_DENIED'],
      ['login_required', 401, 'NC_CONNECT_AUTHORIZATION_ERROR'],
      ['invalid_scope', 401, 'NC_CONNECT_AUTHORIZATION_ERROR'],
      ['temporarily_unavailable', 503, 'NC_CONNECT_PROVIDER_UNAVAILABLE'],
      ['server_error', 502, 'NC_CONNECT_PROVIDER_ERROR'],
    ])('answers error=%s with %i %s', (error, status, code) =>
      expectRefused({ authorization: { error } }, status, code),
    );

    it('refuses a foreign state with 400', () =>
      expectRefused({ authorization: { state: 'foreign' } }, 400, 'NC_CONNECT_STATE_MISMATCH'));
    it('refuses a missing state with 400', () =>
      expectRefused({ authorization: { state: 'missing' } }, 400, 'NC_CONNECT_STATE_MISMATCH'));

    it('refuses a code the token endpoint has already redeemed with 401', async () => {
      await expectAccepted({});
      await expectRefused({ authorization: { reuseCode: true } }, 401, 'NC_CONNECT_CODE_REJECTED');
    });
  });

  describe('token endpoint', () => {
    const fiveMegabytes = `{"access_token":"${'a'.repeat(5 * 1024 * 1024)}"}`;
    it.each<[string, number, string, Faults['token']]>([
      ['400 invalid_grant', 401, 'NC_CONNECT_CODE_REJECTED', { status: 400, body: '{"error":"invalid_grant"}' }],
      ['401 invalid_client', 502, 'NC_CONNECT_CLIENT_AUTH_FAILED', { status: 401, body: '{"error":"invalid_client"}' }],
      [
        '401 invalid_client with a Basic challenge (RFC 6749 5.2, as LemonLDAP::NG answers)',
        502,
        'NC_CONNECT_CLIENT_AUTH_FAILED',
        { status: 401, challenge: 'Basic realm="nc-connect"', body: '{"error":"invalid_client"}' },
      ],
      [
        '401 with a bare Basic challenge and no body',
        502,
        'NC_CONNECT_CLIENT_AUTH_FAILED',
        { status: 401, challenge: 'Basic', body: '' },
      ],
      [
        '400 unauthorized_client',
        502,
        'NC_CONNECT_CLIENT_AUTH_FAILED',
        { status: 400, body: '{"error":"unauthorized_client"}' },
      ],
      ['500 with an OAuth error', 502, 'NC_CONNECT_PROVIDER_ERROR', { status: 500, body: '{"error":"server_error"}' }],
      [
        '503 with an OAuth error',
        503,
        'NC_CONNECT_PROVIDER_UNAVAILABLE',
        { status: 503, body: '{"error":"temporarily_unavailable"}' },
      ],
      [
        '500 with HTML',
        502,
        'NC_CONNECT_PROVIDER_ERROR',
        { status: 500, contentType: 'text/html', body: '<h1>Oops</h1>' },
      ],
      [
        '200 with HTML',
        502,
        'NC_CONNECT_PROVIDER_ERROR',
        { status: 200, contentType: 'text/html', body: '<html></html>' },
      ],
      [
        'truncated JSON',
        502,
        'NC_CONNECT_PROVIDER_ERROR',
        { status: 200, body: '{"access_token":"abc","token_type":"Bea' },
      ],
      ['a body of several megabytes', 502, 'NC_CONNECT_PROVIDER_ERROR', { status: 200, body: fiveMegabytes }],
      ['no answer at all (a hang, cut by httpTimeout)', 503, 'NC_CONNECT_PROVIDER_UNAVAILABLE', { hang: true }],
    ])('answers %s with %i %s', (_case, status, code, token) => expectRefused({ token }, status, code));
  });

  describe('keys', () => {
    // Each with a fresh key cache: earlier unknown kids must not hold back the refetch under test.
    beforeEach(async () => {
      await stop();
      await start();
    });

    it('refetches the JWKS once after a key rotation, and accepts the new key', async () => {
      await expectAccepted({});
      const before = provider.counts.jwks ?? 0;
      await provider.rotateKey();
      await expectAccepted({});
      expect((provider.counts.jwks ?? 0) - before).toBe(1);
    });

    it('answers 502 when the JWKS endpoint answers an error page', () =>
      expectRefused({ jwks: { status: 500 } }, 502, 'NC_CONNECT_PROVIDER_ERROR'));

    it('answers 503 when the JWKS endpoint does not answer', () =>
      expectRefused({ jwks: { hang: true } }, 503, 'NC_CONNECT_PROVIDER_UNAVAILABLE'));

    it('does not turn a flood of unknown kids into a flood of JWKS requests', async () => {
      await expectAccepted({});
      const before = provider.counts.jwks ?? 0;
      for (let i = 0; i < 5; i++)
        await expectRefused({ idTokenUnpublishedKey: true }, 401, 'NC_CONNECT_ID_TOKEN_INVALID');
      expect((provider.counts.jwks ?? 0) - before).toBeLessThanOrEqual(1);
    });

    it('does not turn a flood of unknown kids into a flood of JWKS requests while the JWKS endpoint fails', async () => {
      await expectAccepted({});
      const before = provider.counts.jwks ?? 0;
      provider.faults = { idTokenUnpublishedKey: true, jwks: { status: 500 } };
      // A minute later: the keys are still fresh (10 minutes), the last fetch is over 30 s old.
      advanceClock(60_000);
      const codes: unknown[] = [];
      try {
        for (let i = 0; i < 5; i++) codes.push((await attemptLogin(new FakeBrowser(), app)).body.code);
      } finally {
        jest.useRealTimers();
      }
      expect((provider.counts.jwks ?? 0) - before).toBeLessThanOrEqual(1);
      // Once the one refetch failed, the unknown kids are the tokens' fault, not an outage.
      expect(codes.slice(1)).toEqual(Array(4).fill('NC_CONNECT_ID_TOKEN_INVALID'));
    });
  });

  /**
   * A login through an app whose `issuer` setting is `issuerOf(provider)`, against a provider of its
   * own with `faults`: the answer to the login route, and the library's log lines.
   */
  async function misconfiguredLogin(
    issuerOf: (other: FaultProvider) => string,
    faults: Faults = {},
  ): Promise<{ status: number; body: unknown; logs: string[]; other: FaultProvider }> {
    const port = await freePort();
    const client = {
      clientId: 'c',
      clientSecret: 'fault-client-secret-0123456789abcdef',
      redirectUri: `http://localhost:${port}/auth/callback`,
    };
    const other = await FaultProvider.start({ flavor, client });
    other.faults = faults;
    const misconfigured = await startTestApp(
      NcConnectModule.forRoot({ ...client, issuer: issuerOf(other) }),
      port,
      adapter,
    );
    try {
      const login = await new FakeBrowser().request(`${misconfigured.url}/auth/login`);
      return { status: login.status, body: await login.json(), logs: misconfigured.logs.library(), other };
    } finally {
      await misconfigured.close();
      await other.close();
    }
  }

  it('refuses a discovery document whose issuer differs as a configuration error, naming both issuers', async () => {
    const found = 'https://connect.gouv.nc/v3/realms/nc-connect';
    const { status, body, logs, other } = await misconfiguredLogin((p) => p.issuer, { discoveryIssuer: found });
    expect(status).toBe(502);
    expect(body).toMatchObject({ code: 'NC_CONNECT_ISSUER_MISCONFIGURED' });
    const line = logs.find((l) => l.startsWith('error') && l.includes('a configuration error'));
    expect(line).toContain(`the issuer "${found}", not the expected issuer "${other.issuer}"`);
    expect(line).toContain('check the issuer setting');
    expect(logs.some((l) => l.startsWith('warn') && l.includes('discovery'))).toBe(false);
  });

  it('refuses a discovery that answers 404 (a wrong realm path) as a configuration error, naming the status and URL', async () => {
    const wrong = (p: FaultProvider) => `http://localhost:${p.port}/v3/realms/wrong-realm`;
    const { status, body, logs, other } = await misconfiguredLogin(wrong);
    expect(status).toBe(502);
    expect(body).toMatchObject({ code: 'NC_CONNECT_ISSUER_MISCONFIGURED' });
    const url = `${wrong(other)}/.well-known/openid-configuration`;
    const line = logs.find((l) => l.startsWith('error') && l.includes('a configuration error'));
    expect(line).toContain(`GET ${url} answered HTTP 404: check the issuer setting (its realm path)`);
  });

  it('answers 400 to a back-channel logout without a token even while discovery fails', async () => {
    const port = await freePort();
    const client = { clientId: 'c', clientSecret: 'fault-client-secret-0123456789abcdef' };
    const other = await FaultProvider.start({
      flavor,
      client: { ...client, redirectUri: `http://localhost:${port}/auth/callback` },
    });
    other.faults = { discovery: { status: 503 } };
    const down = await startTestApp(
      NcConnectModule.forRoot({
        ...client,
        issuer: other.issuer,
        redirectUri: `http://localhost:${port}/auth/callback`,
      }),
      port,
      adapter,
    );
    try {
      const answer = await fetch(`${down.url}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'logout_token=',
      });
      expect([answer.status, ((await answer.json()) as { code: string }).code]).toEqual([
        400,
        'NC_CONNECT_LOGOUT_TOKEN_INVALID',
      ]);
    } finally {
      await down.close();
      await other.close();
    }
  });

  it('tells an outage (discovery answering 503) apart: a warning that the next request tries again', async () => {
    const { status, body, logs } = await misconfiguredLogin((p) => p.issuer, { discovery: { status: 503 } });
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'NC_CONNECT_PROVIDER_UNAVAILABLE' });
    expect(logs.some((l) => l.startsWith('warn') && l.includes('the next request tries again'))).toBe(true);
    expect(logs.some((l) => l.includes('a configuration error'))).toBe(false);
  });
});
