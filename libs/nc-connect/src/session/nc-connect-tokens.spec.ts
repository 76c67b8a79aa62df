import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { sign } from 'cookie-signature';
import type { NcConnectAudit } from '../audit/nc-connect-audit.js';
import { createNcConnectConfig } from '../config/nc-connect-config.js';
import type { HttpRequest, NcConnectHttp } from '../http/nc-connect-http.js';
import type { NcConnectClient } from '../provider/nc-connect-client.js';
import type { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { MemorySessionStore } from './memory-session.store.js';
import { NcConnectSessions } from './nc-connect-sessions.js';
import { NcConnectTokens } from './nc-connect-tokens.js';

const SECRET = 'x'.repeat(32);
const config = createNcConnectConfig(
  {
    issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
    clientId: 'my-service',
    clientSecret: 's3cret',
    redirectUri: 'https://service.gouv.nc/auth/callback',
    keepTokens: true,
    session: { secret: SECRET, maxAge: 3600, idleTimeout: 3600 },
  },
  {},
);
const http = {
  cookie: (req: HttpRequest, name: string) => (req as unknown as { cookies: Record<string, string> }).cookies[name],
} as unknown as NcConnectHttp;
const audit = { record: () => undefined } as unknown as NcConnectAudit;
const telemetry = { inSpan: (_name: string, work: () => Promise<unknown>) => work() } as unknown as NcConnectTelemetry;

describe('NcConnectTokens and the session timeouts', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('never refreshes the tokens of a session that timed out since its request read it (a long-lived request)', async () => {
    const store = new MemorySessionStore(10);
    const sessions = new NcConnectSessions(config, store, http, audit);
    const refresh = jest.fn(async () => ({ accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 300 }));
    const tokens = new NcConnectTokens(config, sessions, { refresh } as unknown as NcConnectClient, telemetry);
    const start = Date.now();
    const id = 'session-id';
    await store.create(
      id,
      {
        instance: config.instance,
        issuer: config.issuer,
        user: {},
        sub: 'pairwise-sub',
        idToken: 'id-token',
        authenticatedAt: start,
        lastActiveAt: start,
        tokens: { accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt: start + 3_600_000 },
      },
      // The store keeps a timed-out record a while longer (SessionLifetime.ttlMs).
      { ttlMs: 2 * 3_600_000, maxPerKey: 5 },
    );
    const req = { headers: {}, cookies: { [config.session.cookieName]: sign(id, SECRET) } } as unknown as HttpRequest;
    expect(await tokens.getAccessToken(req)).toBe('old-access');

    // An SSE stream or a WebSocket connection asks again past the session's absolute lifetime.
    jest.spyOn(Date, 'now').mockReturnValue(start + 3_600_000 + 60_000);
    await expect(tokens.getAccessToken(req)).rejects.toMatchObject({ code: 'NC_CONNECT_LOGIN_REQUIRED' });
    expect(refresh).not.toHaveBeenCalled();
  });
});
