import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectAuditEvent } from 'nestjs-nc-connect';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { FakeBrowser, getJson } from './support/login-steps.js';
import { ADAPTERS } from './support/test-app.js';
import { loginThroughFaultProvider, startFaultPair, type Pair } from './support/test-pairs.js';

// The audit listener option alone (the app has no EventEmitterModule); the events of a full login,
// a refused assurance and a back-channel logout, and their spans and metrics, are in
// observability.e2e-spec.ts.

describe.each(ADAPTERS)('audit events without @nestjs/event-emitter, with the fault provider, on %s', (adapter) => {
  let pair: Pair<FaultProvider>;
  const events: NcConnectAuditEvent[] = [];
  let accept = true;
  /** The app's journal: it records each event, then fails (thrown, or a rejected promise). */
  let failure: 'throw' | 'reject' = 'throw';

  beforeAll(async () => {
    pair = await startFaultPair({
      adapter,
      module: {
        validateUser: (user) => (accept ? user : null),
        audit: {
          includeUser: true,
          listener: (event) => {
            events.push(event);
            if (failure === 'throw') throw new Error('the journal is down');
            return Promise.reject(new Error('the journal is still down'));
          },
        },
      },
    });
  });
  afterAll(() => pair?.close());

  it('logs a failing listener and never lets it break a login', async () => {
    for (const mode of ['throw', 'reject'] as const) {
      failure = mode;
      const browser = new FakeBrowser();
      expect((await loginThroughFaultProvider(browser, pair.app)).status).toBe(302);
      expect((await getJson(browser, `${pair.app.url}/auth/me`)).status).toBe(200);
    }
    await new Promise((resolve) => setImmediate(resolve));
    const failures = pair.app.logs
      .library()
      .filter((line) => line.includes('audit.listener failed on the login.succeeded audit event (ignored)'));
    expect(failures).toHaveLength(2);
    expect(failures[1]).toContain('the journal is still down');
  });

  it('adds the user to login.succeeded with includeUser', () => {
    const succeeded = events.find((event) => event.type === 'login.succeeded');
    expect(succeeded).toMatchObject({ user: { sub: succeeded?.sub, claims: expect.any(Object) } });
  });

  it('reports a login refused by validateUser, and a callback that belongs to no login', async () => {
    accept = false;
    try {
      expect((await loginThroughFaultProvider(new FakeBrowser(), pair.app)).status).toBe(403);
    } finally {
      accept = true;
    }
    expect(events.at(-1)).toEqual({
      type: 'login.refused',
      instance: 'default',
      time: expect.any(Date),
      sub: pair.provider.lastIdTokenClaims!.sub,
      outcome: 'NC_CONNECT_USER_REFUSED',
    });
    const forged = await fetch(`${pair.app.url}/auth/callback?code=made-up&state=made-up`);
    expect(forged.status).toBe(400);
    expect(events.at(-1)).toEqual({
      type: 'login.failed',
      instance: 'default',
      time: expect.any(Date),
      outcome: 'NC_CONNECT_STATE_MISMATCH',
      stage: 'callback',
    });
  });
});
