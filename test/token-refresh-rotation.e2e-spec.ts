import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { NcConnectGuard, NcConnectSessions, NcConnectTokens } from 'nestjs-nc-connect';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson } from './support/login-steps.js';
import type { TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startFaultPair } from './support/test-pairs.js';

/** Lets a test hold `/held-token` after its guard read the session, until it releases it. */
class Gate {
  private arrived?: () => void;
  private release?: () => void;
  readonly inside = new Promise<void>((resolve) => (this.arrived = resolve));
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));

  async pass(): Promise<void> {
    this.arrived?.();
    await this.released;
  }

  open(): void {
    this.release?.();
  }
}

let gate: Gate | undefined;

@Controller()
class TokensController {
  constructor(
    private readonly tokens: NcConnectTokens,
    private readonly sessions: NcConnectSessions,
  ) {}

  /** What an app gets from NcConnectSessions.get(), answered as it is. */
  @Get('session')
  @UseGuards(NcConnectGuard)
  session(@Req() req: Request) {
    return this.sessions.get(req);
  }

  /** Two calls in one request, as a handler calling two APIs would make. */
  @Get('twice')
  @UseGuards(NcConnectGuard)
  async twice(@Req() req: Request) {
    const first = await this.tokens.getAccessToken(req);
    const second = await this.tokens.getAccessToken(req);
    return { first, second };
  }

  /** Reads its session (guard), waits at the gate, then asks for a token. */
  @Get('held-token')
  @UseGuards(NcConnectGuard)
  async held(@Req() req: Request) {
    await gate?.pass();
    return { accessToken: await this.tokens.getAccessToken(req) };
  }
}

describe('refreshing with a provider that rotates refresh tokens (a used one is refused)', () => {
  let provider: FaultProvider;
  let app: TestApp;

  beforeAll(async () => {
    ({ provider, app } = await startFaultPair({
      module: { keepTokens: true },
      extras: { controllers: [TokensController] },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });
  beforeEach(() => provider.reset());

  /** A browser logged in with an access token that needs a refresh at once; refreshed ones last. */
  async function loggedInWithExpiringToken(): Promise<FakeBrowser> {
    provider.faults = { accessTokenLifetime: 30 };
    const browser = new FakeBrowser();
    expect((await loginThroughFaultProvider(browser, app)).status).toBe(302);
    provider.faults = { accessTokenLifetime: 1800, refresh: { rotate: true } };
    return browser;
  }

  it('gives apps a view of the session without any token', async () => {
    const browser = await loggedInWithExpiringToken();
    const { status, body } = await getJson(browser, `${app.url}/session`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['assurance', 'authenticatedAt', 'lastActiveAt', 'sid', 'sub', 'user']);
    // What @RequireAssurance() reads: the login's level and time, no token.
    expect(Object.keys(body.assurance as object).sort()).toEqual(['authTime', 'verified']);
  });

  it('refreshes once when one request asks twice, and the session lives on', async () => {
    const browser = await loggedInWithExpiringToken();
    const before = provider.counts.refresh ?? 0;
    const twice = await getJson(browser, `${app.url}/twice`);
    expect(twice.status).toBe(200);
    expect(twice.body.second).toBe(twice.body.first);
    expect((provider.counts.refresh ?? 0) - before).toBe(1);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
  });

  it('gives a request that read its session earlier the tokens another request refreshed', async () => {
    const browser = await loggedInWithExpiringToken();
    const before = provider.counts.refresh ?? 0;
    gate = new Gate();
    const held = getJson(browser, `${app.url}/held-token`);
    await gate.inside; // past the guard: the held request has read the expiring token
    const other = await getJson(browser, `${app.url}/token`);
    expect(other.status).toBe(200);
    gate.open();
    expect(await held).toEqual({ status: 200, body: { accessToken: other.body.accessToken } });
    expect((provider.counts.refresh ?? 0) - before).toBe(1);
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
    gate = undefined;
  });
});
