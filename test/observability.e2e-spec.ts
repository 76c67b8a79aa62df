import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, Get, Header, Injectable, UseGuards } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { SpanKind } from '@opentelemetry/api';
import {
  BearerAuth,
  MemorySessionStore,
  NcConnectGuard,
  RequireAssurance,
  type NcConnectAuditEvent,
  type NcConnectSessionRecord,
} from 'nestjs-nc-connect';
import { DEMO_PERSONAS, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { bearer, call } from './support/bearer-app.js';
import { advanceClock } from './support/clock.js';
import { FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';
import { logOutAtEmulator } from './support/session-helpers.js';
import { TelemetryCapture, type CapturedPoint } from './support/telemetry-capture.js';
import { ADAPTERS } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

/** Registered before any app is created, as an app's main.ts registers its SDK. */
const telemetry = new TelemetryCapture();

/** What the app's own `@OnEvent()` listener received through `@nestjs/event-emitter`. */
@Injectable()
class EmittedEvents {
  readonly events: NcConnectAuditEvent[] = [];

  @OnEvent('nc-connect.**')
  received(event: NcConnectAuditEvent) {
    this.events.push(event);
  }
}

@Controller()
class GuardedController {
  @Get('verified-page')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ verified: 2 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  verifiedPage() {
    return '<p>verified</p>';
  }

  @Get('recent-page')
  @UseGuards(NcConnectGuard)
  @RequireAssurance({ maxAge: 300 })
  @Header('Content-Type', 'text/html; charset=utf-8')
  recentPage() {
    return '<p>recent</p>';
  }

  @Get('api/verified')
  @BearerAuth()
  @RequireAssurance({ verified: 2 })
  apiVerified() {
    return { ok: true };
  }
}

const persona = (login: string) => DEMO_PERSONAS.find((p) => p.login === login)!;
/** What must never appear in an event, a span or a metric: the personas' e-mail, names and birthdate. */
const PERSONAL_DATA = ['jean.dupont', 'marie.lefevre'].flatMap((login) => {
  const { email, given_name: given, family_name: family, birthdate } = persona(login);
  return [email, given, family, birthdate].filter((value): value is string => typeof value === 'string');
});

/** The sum of the values of `name`'s points whose attributes include `attributes`. */
function total(points: CapturedPoint[], name: string, attributes: Record<string, unknown>): number {
  return points
    .filter((p) => p.name === name && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))
    .reduce((sum, p) => sum + (typeof p.value === 'number' ? p.value : (p.value as { count: number }).count), 0);
}

afterAll(() => telemetry.shutdown());

describe.each(ADAPTERS)('audit events and OpenTelemetry, with the emulator, on %s', (adapter) => {
  let pair: Pair<NcConnectEmulator>;
  let store: MemorySessionStore;
  const listened: NcConnectAuditEvent[] = [];
  /** The tokens the app holds (access, ID, refresh), which must never appear in what it reports. */
  const tokens: string[] = [];
  const subs: Record<string, string> = {};
  const emitted = () => pair.app.app.get(EmittedEvents).events;
  const lastEvent = () => listened.at(-1);

  async function logInAs(browser: FakeBrowser, login: string): Promise<number> {
    const { callbackUrl } = await signInAtEmulator(browser, `${pair.app.url}/auth/login`, pair.app.url, {
      login,
      password: 'nc-connect',
    });
    const status = (await browser.request(callbackUrl, { headers: HTML })).status;
    subs[login] = (await getJson(browser, `${pair.app.url}/auth/me`)).body.sub as string;
    return status;
  }

  async function accessToken(browser: FakeBrowser): Promise<string> {
    return ((await getJson(browser, `${pair.app.url}/token`)).body as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    telemetry.resetSpans();
    store = new MemorySessionStore(100);
    pair = await startEmulatorPair({
      adapter,
      client: (port) => ({ backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout` }),
      module: { keepTokens: true, session: { store }, audit: { listener: (event) => void listened.push(event) } },
      extras: {
        imports: [EventEmitterModule.forRoot({ wildcard: true })],
        providers: [EmittedEvents],
        controllers: [GuardedController],
      },
    });
  });
  afterAll(() => pair?.close());
  afterEach(() => {
    jest.useRealTimers();
  });

  const jean = new FakeBrowser();

  it('reports one full login: an audit event, the login and callback spans with their provider requests, metrics', async () => {
    const before = await telemetry.points();
    expect(await logInAs(jean, 'jean.dupont')).toBe(302);

    expect(listened).toEqual([
      {
        type: 'login.succeeded',
        instance: 'default',
        time: expect.any(Date),
        sub: subs['jean.dupont'],
        outcome: 'ok',
        stepUp: false,
        assurance: { verified: 2, acr: '1' },
      },
    ]);
    expect(emitted()).toEqual(listened);

    const [login] = telemetry.spansNamed('nc_connect.login');
    expect(login.attributes).toEqual({ 'nc_connect.instance': 'default', 'nc_connect.outcome': 'ok' });
    const [callback] = telemetry.spansNamed('nc_connect.callback');
    expect(callback.attributes).toEqual({ 'nc_connect.instance': 'default', 'nc_connect.outcome': 'ok' });
    const children = telemetry.childrenOf(callback);
    expect(children.map((span) => span.name).sort()).toEqual([
      'nc_connect.provider.jwks',
      'nc_connect.provider.token',
      'nc_connect.provider.userinfo',
    ]);
    const token = children.find((span) => span.name === 'nc_connect.provider.token')!;
    const issuer = new URL(pair.provider.issuer);
    expect(token.kind).toBe(SpanKind.CLIENT);
    expect(token.attributes).toEqual({
      'nc_connect.instance': 'default',
      'nc_connect.endpoint': 'token',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': issuer.hostname,
      'server.port': Number(issuer.port),
      'url.full': expect.stringMatching(new RegExp(`^${issuer.origin}/[^?#]+$`)),
    });
    // Discovery ran when the app started, outside any login.
    expect(telemetry.spansNamed('nc_connect.provider.discovery')[0]?.attributes['http.response.status_code']).toBe(200);

    const after = await telemetry.points();
    const ok = { 'nc_connect.outcome': 'ok', 'nc_connect.login.stage': 'callback' };
    expect(total(after, 'nc_connect.logins', ok) - total(before, 'nc_connect.logins', ok)).toBe(1);
    const tokenRequests = { 'nc_connect.endpoint': 'token', 'http.response.status_code': 200 };
    expect(
      total(after, 'nc_connect.provider.request.duration', tokenRequests) -
        total(before, 'nc_connect.provider.request.duration', tokenRequests),
    ).toBe(1);
    expect(total(after, 'nc_connect.sessions.active', { 'nc_connect.instance': 'default' })).toBe(1);

    const owner = { instance: 'default', issuer: pair.provider.issuer };
    const [id] = await store.find(owner, { sub: subs['jean.dupont'] }, 1);
    const record = (await store.get(id)) as NcConnectSessionRecord;
    tokens.push(await accessToken(jean), record.idToken, record.tokens!.refreshToken!);
  });

  it('does nothing on an anonymous or a logged-in request: no span, no event', async () => {
    telemetry.resetSpans();
    const events = listened.length;
    expect((await getJson(jean, `${pair.app.url}/profile`)).status).toBe(200);
    expect((await fetch(`${pair.app.url}/open`)).status).toBe(200);
    expect(telemetry.spans()).toEqual([]);
    expect(listened).toHaveLength(events);
  });

  it('reports a refused assurance, on a page and on an API', async () => {
    const marie = new FakeBrowser();
    expect(await logInAs(marie, 'marie.lefevre')).toBe(302);
    expect((await marie.request(`${pair.app.url}/verified-page`, { headers: HTML })).status).toBe(403);
    const refusal = {
      type: 'assurance.refused',
      instance: 'default',
      time: expect.any(Date),
      sub: subs['marie.lefevre'],
      outcome: 'NC_CONNECT_VERIFICATION_INSUFFICIENT',
      shortfall: { verified: 2 },
    };
    expect(lastEvent()).toEqual({ ...refusal, via: 'session' });

    const marieToken = await accessToken(marie);
    tokens.push(marieToken);
    const before = await telemetry.points();
    expect((await call(`${pair.app.url}/api/verified`, bearer(marieToken))).status).toBe(403);
    expect(lastEvent()).toEqual({ ...refusal, via: 'bearer' });
    expect((await call(`${pair.app.url}/api/verified`, bearer(tokens[0]))).status).toBe(200);
    // Both tokens were valid: the bearer checks succeeded, the assurance was refused.
    const checks = telemetry.spansNamed('nc_connect.bearer_check');
    expect(checks.map((span) => span.attributes['nc_connect.outcome'])).toEqual(['ok', 'ok']);
    const after = await telemetry.points();
    const ok = { 'nc_connect.outcome': 'ok' };
    expect(total(after, 'nc_connect.bearer.checks', ok) - total(before, 'nc_connect.bearer.checks', ok)).toBe(2);
    expect(emitted()).toEqual(listened);
  });

  it('reports a back-channel logout', async () => {
    await logOutAtEmulator(jean, pair.provider.issuer);
    expect((await getJson(jean, `${pair.app.url}/auth/me`)).status).toBe(401);
    expect(lastEvent()).toEqual({
      type: 'backchannel-logout',
      instance: 'default',
      time: expect.any(Date),
      sub: subs['jean.dupont'],
      outcome: 'ok',
      sessions: 1,
    });
    const [span] = telemetry.spansNamed('nc_connect.backchannel_logout');
    expect(span.attributes).toEqual({
      'nc_connect.instance': 'default',
      'nc_connect.outcome': 'ok',
      'nc_connect.sessions_ended': 1,
    });
    // marie.lefevre's session is the one left.
    expect(total(await telemetry.points(), 'nc_connect.sessions.active', {})).toBe(1);
  });

  it('reports a step-up and an expired session', async () => {
    const browser = new FakeBrowser();
    await logInAs(browser, 'jean.dupont');
    advanceClock(10 * 60_000);
    expect((await browser.request(`${pair.app.url}/recent-page`, { headers: HTML })).status).toBe(302);
    expect(lastEvent()).toMatchObject({
      type: 'step-up',
      outcome: 'NC_CONNECT_STEP_UP_REQUIRED',
      shortfall: { maxAge: 300 },
    });
    advanceClock(40 * 60_000);
    expect((await getJson(browser, `${pair.app.url}/auth/me`)).status).toBe(401);
    expect(lastEvent()).toEqual({
      type: 'session.expired',
      instance: 'default',
      time: expect.any(Date),
      sub: subs['jean.dupont'],
      outcome: 'ok',
      reason: 'idle',
    });
  });

  it('never reports a token or personal data; telemetry has no sub and no query string', async () => {
    expect(tokens).toHaveLength(4);
    const events = JSON.stringify([listened, emitted()]);
    const spans = JSON.stringify(
      telemetry.spans().map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
    );
    const metrics = JSON.stringify(await telemetry.points());
    for (const secret of [...tokens, ...PERSONAL_DATA]) {
      expect(events).not.toContain(secret);
      expect(spans).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
    for (const sub of Object.values(subs)) {
      expect(spans).not.toContain(sub);
      expect(metrics).not.toContain(sub);
    }
    // No URL with a query (codes, states) or a fragment in any attribute.
    const values = telemetry.spans().flatMap((span) => Object.values(span.attributes).map(String));
    expect(values.filter((value) => /[?#]/.test(value))).toEqual([]);
  });
});
