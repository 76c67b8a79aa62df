import type { NcConnectSessionStore, SessionKeys, SessionOwner } from './session-store.js';

/** Back-channel logouts end sessions this many at a time. */
const BATCH = 100;

/**
 * Ends `owner`'s sessions of an NC Connect session (`sid`) and of a user (`sub`): with only a `sub`,
 * every session of that user; with both, the sessions of that `sid` and the user's sessions that
 * have no `sid` (OpenID Connect Back-Channel Logout 1.0, section 2.4). Returns how many ended.
 */
export async function endSessions(
  store: NcConnectSessionStore,
  owner: SessionOwner,
  keys: SessionKeys,
  maxPerUser: number,
): Promise<number> {
  const every = async () => true;
  if (!keys.sid) return endFound(store, owner, keys, maxPerUser, every);
  const bySid = await endFound(store, owner, { sid: keys.sid }, maxPerUser, every);
  if (!keys.sub) return bySid;
  const withoutSid = async (id: string) => (await store.get(id))?.sid === undefined;
  return bySid + (await endFound(store, owner, { sub: keys.sub }, maxPerUser, withoutSid));
}

/** Destroys the sessions `keys` finds that `chosen` keeps, a batch at a time. */
async function endFound(
  store: NcConnectSessionStore,
  owner: SessionOwner,
  keys: SessionKeys,
  maxPerUser: number,
  chosen: (id: string) => Promise<boolean>,
): Promise<number> {
  let ended = 0;
  const skipped = new Set<string>();
  // Each user has at most maxPerUser sessions; the bound only stops a store that would keep
  // answering the same ids.
  for (let round = 0; round <= maxPerUser / BATCH + 1; round++) {
    const ids = (await store.find(owner, keys, BATCH + skipped.size)).filter((id) => !skipped.has(id));
    if (ids.length === 0) break;
    const destroyed = await Promise.all(
      ids.map(async (id) => {
        if (await chosen(id)) return store.destroy(id);
        skipped.add(id);
        return false;
      }),
    );
    ended += destroyed.filter(Boolean).length;
  }
  return ended;
}
