import { describe, expect, it } from '@jest/globals';
import type { NcConnectSession } from './nc-connect-session.js';
import { SessionLifetime } from './session-lifetime.js';

const MINUTE = 60_000;
const lifetime = new SessionLifetime({ idleTimeout: 30 * 60, maxAge: 8 * 3600 } as never);
const session = (authenticatedAt: number, lastActiveAt: number) =>
  ({ user: {}, sub: 's', authenticatedAt, lastActiveAt }) as NcConnectSession;

describe('SessionLifetime', () => {
  it('tells which timeout ended a session, the absolute one first', () => {
    expect(lifetime.expiredBy(session(0, 0), 30 * MINUTE)).toBeUndefined();
    expect(lifetime.expiredBy(session(0, 0), 30 * MINUTE + 1)).toBe('idle');
    expect(lifetime.expiredBy(session(0, 8 * 60 * MINUTE), 8 * 60 * MINUTE + 1)).toBe('max-age');
    expect(lifetime.expired(session(0, 0), 31 * MINUTE)).toBe(true);
  });

  it('has the store keep a record ten minutes past its first timeout, for the session.expired event', () => {
    expect(lifetime.ttlMs(session(0, 0), 0)).toBe(40 * MINUTE);
    expect(lifetime.ttlMs(session(0, 8 * 60 * MINUTE - MINUTE), 8 * 60 * MINUTE - MINUTE)).toBe(11 * MINUTE);
  });
});
