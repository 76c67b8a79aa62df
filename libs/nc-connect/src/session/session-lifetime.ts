import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectSession } from './nc-connect-session.js';

/**
 * How long a store keeps a record past its deadline, so that the library, not the store, ends a
 * session that timed out when its user comes back: the library then knows whose session it was and
 * why it ended (the `session.expired` audit event). The session is refused from its deadline all
 * the same.
 */
const EXPIRY_NOTICE_MS = 10 * 60_000;

/**
 * The timeouts of a session: it ends `idleTimeout` after its last recorded activity or `maxAge` after
 * login, whichever comes first; activity is recorded at most once per tenth of the idle timeout.
 */
export class SessionLifetime {
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly stampMs: number;

  constructor(session: NcConnectConfig['session']) {
    this.idleMs = session.idleTimeout * 1000;
    this.maxAgeMs = session.maxAge * 1000;
    this.stampMs = Math.max(1000, this.idleMs / 10);
  }

  /** Whether the session has ended at `now`. */
  expired(session: NcConnectSession, now: number): boolean {
    return this.expiredBy(session, now) !== undefined;
  }

  /** Which timeout ended the session at `now`, if one did: its absolute lifetime first. */
  expiredBy(session: NcConnectSession, now: number): 'max-age' | 'idle' | undefined {
    if (now - session.authenticatedAt > this.maxAgeMs) return 'max-age';
    return now - session.lastActiveAt > this.idleMs ? 'idle' : undefined;
  }

  /** Whether activity at `now` should be recorded. */
  stampDue(session: NcConnectSession, now: number): boolean {
    return now - session.lastActiveAt >= this.stampMs;
  }

  /** Milliseconds the store must keep the session from `now`: until its first timeout, and a notice period. */
  ttlMs(session: NcConnectSession, now: number): number {
    const deadline = Math.min(session.lastActiveAt + this.idleMs, session.authenticatedAt + this.maxAgeMs);
    return deadline + EXPIRY_NOTICE_MS - now;
  }
}
