import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectSession } from './nc-connect-session.js';

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
    return now - session.authenticatedAt > this.maxAgeMs || now - session.lastActiveAt > this.idleMs;
  }

  /** Whether activity at `now` should be recorded. */
  stampDue(session: NcConnectSession, now: number): boolean {
    return now - session.lastActiveAt >= this.stampMs;
  }

  /** Milliseconds the store must keep the session from `now`: until its first timeout. */
  ttlMs(session: NcConnectSession, now: number): number {
    return Math.min(session.lastActiveAt + this.idleMs, session.authenticatedAt + this.maxAgeMs) - now;
  }
}
