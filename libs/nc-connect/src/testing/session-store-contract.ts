import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NcConnectSessionRecord } from '../session/nc-connect-session.js';
import type { NcConnectSessionStore } from '../session/session-store.js';

/** One check of the contract: a name for your test runner and the check itself (it throws on failure). */
export interface SessionStoreCheck {
  readonly name: string;
  readonly run: () => Promise<void>;
}

const HOUR = 3_600_000;
const LIMITS = { ttlMs: HOUR, maxPerKey: 3 };
const OWNER = { instance: 'default', issuer: 'https://connect.example.nc/realms/nc-connect' };

function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** A record of a user of its own (unique `sub` and `sid`), unless given. */
function record(overrides: Partial<NcConnectSessionRecord> = {}): NcConnectSessionRecord {
  const user = newId();
  return {
    ...OWNER,
    user: { sub: user, login: 'jean.dupont', claims: { sub: user, verified: 2 } },
    idToken: 'header.payload.signature',
    sub: user,
    sid: `sid-${user}`,
    authenticatedAt: 1_764_590_000_000,
    lastActiveAt: 1_764_590_000_000,
    ...overrides,
  };
}

/**
 * The contract every `NcConnectSessionStore` must meet, as checks to run in your own test runner
 * (Jest, Vitest, `node:test`): each check makes records of its own, under fresh ids and users, so
 * they can share one store. The library's in-process and Redis stores pass it.
 *
 * @param createStore gives the store to check (called once per check)
 * @example
 * ```ts
 * import { sessionStoreContract } from 'nestjs-nc-connect/testing';
 *
 * describe('MySessionStore', () => {
 *   for (const check of sessionStoreContract(() => new MySessionStore(db))) it(check.name, check.run);
 * });
 * ```
 */
export function sessionStoreContract(
  createStore: () => NcConnectSessionStore | Promise<NcConnectSessionStore>,
): SessionStoreCheck[] {
  const check = (name: string, body: (store: NcConnectSessionStore) => Promise<void>): SessionStoreCheck => ({
    name,
    run: async () => body(await createStore()),
  });
  return [
    check('create keeps a record that get returns as it was given', async (store) => {
      const [id, kept] = [newId(), record()];
      assert.equal(await store.create(id, kept, LIMITS), true);
      assert.deepEqual(await store.get(id), kept);
      assert.equal(await store.get(newId()), undefined, 'an unknown id has no record');
    }),
    check('create never overwrites an existing id', async (store) => {
      const [id, first] = [newId(), record()];
      await store.create(id, first, LIMITS);
      assert.equal(await store.create(id, record(), LIMITS), false);
      assert.deepEqual(await store.get(id), first);
    }),
    check('touch records activity on an existing record only', async (store) => {
      const [id, kept] = [newId(), record()];
      await store.create(id, kept, LIMITS);
      assert.equal(await store.touch(id, kept.lastActiveAt + 60_000, HOUR), true);
      assert.deepEqual(await store.get(id), { ...kept, lastActiveAt: kept.lastActiveAt + 60_000 });
      const missing = newId();
      assert.equal(await store.touch(missing, Date.now(), HOUR), false);
      assert.equal(await store.get(missing), undefined, 'touch must not create a record');
    }),
    check('update replaces an existing record only, keeping its lastActiveAt and time to live', async (store) => {
      const [id, kept] = [newId(), record()];
      await store.create(id, kept, { ...LIMITS, ttlMs: 300 });
      await store.touch(id, kept.lastActiveAt + 5000, 300);
      const updated = { ...kept, tokens: { accessToken: 'new', refreshToken: 'next', expiresAt: 1 } };
      assert.equal(await store.update(id, updated), true);
      assert.deepEqual(await store.get(id), { ...updated, lastActiveAt: kept.lastActiveAt + 5000 });
      await sleep(500);
      assert.equal(await store.get(id), undefined, 'update must not extend the time to live');
      const missing = newId();
      assert.equal(await store.update(missing, record()), false);
      assert.equal(await store.get(missing), undefined, 'update must not create a record');
    }),
    check('a destroyed record never comes back: touch and update after destroy write nothing', async (store) => {
      const [id, kept] = [newId(), record()];
      await store.create(id, kept, LIMITS);
      assert.equal(await store.destroy(id), true);
      assert.equal(await store.destroy(id), false, 'destroying twice finds nothing the second time');
      assert.equal(await store.touch(id, Date.now(), HOUR), false);
      assert.equal(await store.update(id, kept), false);
      assert.equal(await store.get(id), undefined);
      assert.deepEqual(await store.find(OWNER, { sub: kept.sub }, 10), [], 'its index entries leave with it');
    }),
    check('find gives the live sessions of an NC Connect session (sid first) or of a user (sub)', async (store) => {
      const first = record();
      const second = record({ sub: first.sub, sid: `${first.sid}-2`, user: first.user });
      const [a, b] = [newId(), newId()];
      await store.create(a, first, LIMITS);
      await store.create(b, second, LIMITS);
      assert.deepEqual((await store.find(OWNER, { sub: first.sub }, 10)).sort(), [a, b].sort());
      assert.deepEqual(await store.find(OWNER, { sid: first.sid, sub: first.sub }, 10), [a]);
      assert.equal((await store.find(OWNER, { sub: first.sub }, 1)).length, 1, 'at most limit ids');
      assert.deepEqual(await store.find(OWNER, { sub: newId() }, 10), []);
    }),
    check('two owners sharing the store have separate indexes and per-user bounds', async (store) => {
      const citizen = record();
      const agents = { instance: 'agents', issuer: 'https://connect.example.nc/realms/agent-connect' };
      const agent = { ...citizen, ...agents };
      const citizenId = newId();
      await store.create(citizenId, citizen, LIMITS);
      const agentIds = [newId(), newId(), newId(), newId()];
      for (const id of agentIds) await store.create(id, agent, LIMITS); // one more than maxPerKey
      assert.notEqual(await store.get(citizenId), undefined, "another owner's logins never end this one");
      assert.deepEqual(await store.find(OWNER, { sub: citizen.sub }, 10), [citizenId]);
      assert.deepEqual(await store.find(OWNER, { sid: citizen.sid }, 10), [citizenId]);
      assert.equal((await store.find(agents, { sub: citizen.sub }, 10)).length, 3);
    }),
    check('beyond maxPerKey sessions of one user, the oldest ends, record and index entry', async (store) => {
      const user = record();
      const ids = [newId(), newId(), newId(), newId()];
      for (const [i, id] of ids.entries()) {
        await store.create(id, record({ sub: user.sub, sid: `${user.sid}-${i}`, user: user.user }), LIMITS);
        await sleep(5); // distinct creation times
      }
      assert.equal(await store.get(ids[0]), undefined, 'the oldest session ended');
      assert.deepEqual((await store.find(OWNER, { sub: user.sub }, 10)).sort(), ids.slice(1).sort());
      assert.deepEqual(await store.find(OWNER, { sid: `${user.sid}-0` }, 10), []);
    }),
    check('a record expires with its time to live, and touch extends it', async (store) => {
      const [short, extended, kept] = [newId(), newId(), record()];
      await store.create(short, kept, { ...LIMITS, ttlMs: 150 });
      await store.create(extended, record({ sub: kept.sub, user: kept.user, sid: undefined }), {
        ...LIMITS,
        ttlMs: 150,
      });
      assert.equal(await store.touch(extended, Date.now(), HOUR), true);
      await sleep(400);
      assert.equal(await store.get(short), undefined);
      assert.notEqual(await store.get(extended), undefined);
      assert.deepEqual(await store.find(OWNER, { sub: kept.sub }, 10), [extended], 'expired sessions are not found');
    }),
    check('a record read cannot be changed through the object get returned', async (store) => {
      const [id, kept] = [newId(), record()];
      await store.create(id, kept, LIMITS);
      const read = (await store.get(id)) as { sub: string };
      try {
        read.sub = 'someone-else';
      } catch {
        // A frozen record refuses the change: fine.
      }
      assert.equal((await store.get(id))?.sub, kept.sub);
    }),
  ];
}
