import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { NcConnectModule, type NcConnectModuleOptions } from 'nestjs-nc-connect';
import { NcConnectHealthIndicator } from 'nestjs-nc-connect/health';
import { demoClientFor, startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FaultProvider } from './fixtures/fault-provider.js';
import { freePort } from './support/free-port.js';
import { FakeBrowser } from './support/fake-browser.js';
import { LogCollector } from './support/log-collector.js';
import { loginThroughFaultProvider, startFaultPair, type Pair } from './support/test-pairs.js';
import { ADAPTERS, createNestApp, listen, type TestAdapter, type TestApp } from './support/test-app.js';

const SECRET = 'health-client-secret';

@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ncConnect: NcConnectHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.ncConnect.check('nc-connect', { timeout: 1000 })]);
  }
}

interface HealthApp {
  app: TestApp['app'];
  /** GET /health: status and JSON body. */
  health(): Promise<{ status: number; body: Record<string, unknown>; text: string }>;
}

/** An app on `adapter` with TerminusModule and a /health route checking NC Connect at `issuer`. */
async function startHealthApp(
  issuer: string,
  adapter: TestAdapter,
  extra: Partial<NcConnectModuleOptions> = {},
): Promise<HealthApp> {
  const ncConnect: DynamicModule = NcConnectModule.forRoot({
    issuer,
    clientId: 'health-client',
    clientSecret: SECRET,
    redirectUri: 'http://localhost:3999/auth/callback',
    httpTimeout: 1000,
    ...extra,
  });
  @Module({
    imports: [TerminusModule, ncConnect],
    controllers: [HealthController],
    providers: [NcConnectHealthIndicator],
  })
  class HealthAppModule {}
  const app = await createNestApp(HealthAppModule, adapter, new LogCollector());
  const url = await listen(app);
  return {
    app,
    async health() {
      const response = await fetch(`${url}/health`);
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
    },
  };
}

describe.each(ADAPTERS)('NcConnectHealthIndicator (@nestjs/terminus), on %s', (adapter) => {
  let emulator: NcConnectEmulator;
  let provider: FaultProvider;
  const apps: HealthApp[] = [];

  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ port: 0, clients: [demoClientFor(3999)] });
    provider = await FaultProvider.start({
      client: { clientId: 'health-client', clientSecret: SECRET, redirectUri: 'http://localhost:3999/auth/callback' },
    });
  });
  afterAll(async () => {
    await Promise.all(apps.map(({ app }) => app.close()));
    await emulator?.close();
    await provider?.close();
  });

  async function healthOf(issuer: string) {
    const app = await startHealthApp(issuer, adapter);
    apps.push(app);
    return app.health();
  }

  it('is up when the emulator serves discovery and its JWKS, with details and no secret', async () => {
    const { status, body, text } = await healthOf(emulator.issuer);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { 'nc-connect': { status: 'up', issuer: emulator.issuer, discovery: 'up', jwks: 'up' } },
    });
    expect((body.info as Record<string, { keys: number }>)['nc-connect'].keys).toBeGreaterThan(0);
    expect(text).not.toContain(SECRET);
  });

  it('is down (503) when nothing listens at the issuer', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}/realm`;
    const { status, body, text } = await healthOf(issuer);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: {
        'nc-connect': {
          status: 'down',
          issuer,
          discovery: 'down',
          jwks: 'unchecked',
          problem: 'outage',
          error: 'discovery is unreachable (ECONNREFUSED)',
        },
      },
    });
    expect(text).not.toContain(SECRET);
  });

  it.each<[string, () => void, Record<string, unknown>]>([
    [
      'the JWKS answers an error page',
      () => (provider.faults = { jwks: { status: 500 } }),
      { discovery: 'up', jwks: 'down', problem: 'outage', error: 'the JWKS answered HTTP 500' },
    ],
    [
      'the JWKS does not answer',
      () => (provider.faults = { jwks: { hang: true } }),
      { discovery: 'up', jwks: 'down', problem: 'outage', error: 'the JWKS did not answer in time' },
    ],
    [
      'discovery names another issuer',
      () => (provider.faults = { discoveryIssuer: 'https://elsewhere.example' }),
      {
        discovery: 'down',
        jwks: 'unchecked',
        problem: 'configuration',
        error: 'discovery names another issuer ("https://elsewhere.example"): check the issuer setting',
      },
    ],
    [
      'discovery answers 503',
      () => (provider.faults = { discovery: { status: 503 } }),
      { discovery: 'down', jwks: 'unchecked', problem: 'outage', error: 'discovery answered HTTP 503' },
    ],
  ])('is down when %s', async (_case, fault, details) => {
    fault();
    try {
      const { status, body } = await healthOf(provider.issuer);
      expect(status).toBe(503);
      expect((body.error as Record<string, unknown>)['nc-connect']).toEqual({
        status: 'down',
        issuer: provider.issuer,
        ...details,
      });
    } finally {
      provider.reset();
    }
  });

  it('is down with a configuration problem when the issuer has a wrong realm path (discovery answers 404)', async () => {
    const issuer = `${provider.issuer.replace(/\/[^/]*$/, '')}/wrong-realm`;
    const { status, body } = await healthOf(issuer);
    expect(status).toBe(503);
    expect((body.error as Record<string, unknown>)['nc-connect']).toMatchObject({
      discovery: 'down',
      problem: 'configuration',
      error: 'discovery answered HTTP 404: check the issuer setting (its realm path)',
    });
  });

  it('checks again on every call, so it is up again as soon as the provider is back', async () => {
    provider.faults = { jwks: { status: 503 } };
    const app = await startHealthApp(provider.issuer, adapter);
    apps.push(app);
    expect((await app.health()).status).toBe(503);
    provider.reset();
    expect((await app.health()).status).toBe(200);
  });
});

describe.each(ADAPTERS)('NcConnectHealthIndicator after NC Connect refused this client, on %s', (adapter) => {
  let pair: Pair<FaultProvider>;

  beforeAll(async () => {
    pair = await startFaultPair({
      adapter,
      extras: { imports: [TerminusModule], providers: [NcConnectHealthIndicator], controllers: [HealthController] },
    });
  });
  afterAll(() => pair?.close());

  const health = async () => {
    const response = await fetch(`${pair.app.url}/health`);
    const body = (await response.json()) as { error: Record<string, Record<string, unknown>> };
    return { status: response.status, body };
  };

  it('is down with a configuration problem naming the settings, until a login succeeds again', async () => {
    expect((await health()).status).toBe(200);
    pair.provider.faults = { token: { status: 401, body: '{"error":"invalid_client"}' } };
    expect((await loginThroughFaultProvider(new FakeBrowser(), pair.app)).status).toBe(502);
    const refused = await health();
    expect(refused.status).toBe(503);
    expect(refused.body.error['nc-connect']).toMatchObject({ discovery: 'up', jwks: 'up', problem: 'configuration' });
    const error = String(refused.body.error['nc-connect'].error);
    expect(error).toContain('invalid_client');
    expect(error).toContain('check the settings clientId, clientSecret or clientKey, and tokenEndpointAuthMethod');
    expect(error).not.toContain('fault-client');
    pair.provider.reset();
    expect((await loginThroughFaultProvider(new FakeBrowser(), pair.app)).status).toBe(302);
    expect((await health()).status).toBe(200);
  });
});
