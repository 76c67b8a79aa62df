import type { NcConnectSession } from './nc-connect-session.js';
import type { SessionLifetime } from './session-lifetime.js';
import type { NcConnectSessionStore, SessionOwner } from './session-store.js';

/** A session ended here because it had timed out, and which timeout ended it. */
export interface TimedOutSession {
  readonly sub: string;
  readonly reason: 'max-age' | 'idle';
}

/**
 * Before a user's new session is created: when they already have `maxPerUser` sessions, destroys those
 * that have timed out but that the store still keeps (it keeps a record a while past its end, see
 * SessionLifetime), so that the store's per-user limit never pushes out a live session in favour of
 * an ended one. Returns the sessions this call ended, for the caller to report; one `find` otherwise.
 */
export async function endTimedOutSessions(
  store: NcConnectSessionStore,
  owner: SessionOwner,
  sub: string,
  lifetime: SessionLifetime,
  maxPerUser: number,
  now: number,
): Promise<TimedOutSession[]> {
  const ids = await store.find(owner, { sub }, maxPerUser);
  if (ids.length < maxPerUser) return [];
  const ended = await Promise.all(
    ids.map(async (id) => {
      const record: NcConnectSession | undefined = await store.get(id);
      const reason = record && lifetime.expiredBy(record, now);
      return reason && (await store.destroy(id)) ? { sub, reason } : undefined;
    }),
  );
  return ended.filter((session) => session !== undefined);
}
