import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanStatusCode } from '@opentelemetry/api';
import type { NcConnectAuditEvent } from 'nestjs-nc-connect';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser, getJson } from './support/login-steps.js';
import { TelemetryCapture, type CapturedPoint } from './support/telemetry-capture.js';
import { ADAPTERS } from './support/test-app.js';
import { loginThroughFaultProvider, startFaultPair, type Pair } from './support/test-pairs.js';

// A token refresh, and a login that cannot start, as spans, metrics and audit events (the full login,
// refused assurance and back-channel logout are in observability.e2e-spec.ts).

const telemetry = new TelemetryCapture();
afterAll(() => telemetry.shutdown());

const startFailures = (points: CapturedPoint[]) =>
  points
    .filter((p) => p.name === 'nc_connect.logins' && p.attributes['nc_connect.login.stage'] === 'start')
    .filter((p) => p.attributes['nc_connect.outcome'] === 'NC_CONNECT_REQUEST_INVALID')
    .reduce((sum, p) => sum + (p.value as number), 0);

describe.each(ADAPTERS)('a refresh and a login that cannot start, with the fault provider, on %s', (adapter) => {
  let pair: Pair<FaultProvider>;
  const events: NcConnectAuditEvent[] = [];

  beforeAll(async () => {
    pair = await startFaultPair({
      adapter,
      module: { keepTokens: true, audit: { listener: (event) => void events.push(event) } },
    });
  });
  afterAll(() => pair?.close());

  it('makes a token refresh a span, with the token request as its child', async () => {
    pair.provider.faults = { accessTokenLifetime: 30 }; // within the one-minute margin: refreshed on first use
    const browser = new FakeBrowser();
    expect((await loginThroughFaultProvider(browser, pair.app)).status).toBe(302);
    pair.provider.reset();
    telemetry.resetSpans();
    expect((await getJson(browser, `${pair.app.url}/token`)).status).toBe(200);
    const [refresh] = telemetry.spansNamed('nc_connect.refresh');
    expect(refresh.attributes).toEqual({ 'nc_connect.instance': 'default', 'nc_connect.outcome': 'ok' });
    expect(telemetry.childrenOf(refresh).map((span) => [span.name, span.attributes['http.request.method']])).toEqual([
      ['nc_connect.provider.token', 'POST'],
    ]);
  });

  it('reports a login that cannot start: login.failed at its start, an error span, a count', async () => {
    const before = startFailures(await telemetry.points());
    telemetry.resetSpans();
    expect((await fetch(`${pair.app.url}/auth/login?prompt=everything`)).status).toBe(400);
    expect(events.at(-1)).toEqual({
      type: 'login.failed',
      instance: 'default',
      time: expect.any(Date),
      outcome: 'NC_CONNECT_REQUEST_INVALID',
      stage: 'start',
    });
    const [login] = telemetry.spansNamed('nc_connect.login');
    expect(login.attributes).toEqual({
      'nc_connect.instance': 'default',
      'nc_connect.outcome': 'NC_CONNECT_REQUEST_INVALID',
      'error.type': 'NC_CONNECT_REQUEST_INVALID',
    });
    expect(login.status.code).toBe(SpanStatusCode.ERROR);
    expect(startFailures(await telemetry.points()) - before).toBe(1);
  });
});
