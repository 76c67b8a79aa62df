import { describe, expect, it } from '@jest/globals';
import { endSessions } from './end-sessions.js';
import { MemorySessionStore } from './memory-session.store.js';
import type { NcConnectSessionRecord } from './nc-connect-session.js';

const OWNER = { instance: 'default', issuer: 'https://connect.example.nc/realms/nc-connect' };
const LIMITS = { ttlMs: 60_000, maxPerKey: 20 };

function session(sub: string, sid?: string): NcConnectSessionRecord {
  return {
    ...OWNER,
    user: { sub },
    idToken: 'x.y.z',
    sub,
    ...(sid ? { sid } : {}),
    authenticatedAt: 1,
    lastActiveAt: 1,
  };
}

describe('endSessions (back-channel logout)', () => {
  async function storeWithJean() {
    const store = new MemorySessionStore(100);
    await store.create('jean-sid-1', session('jean', 'sid-1'), LIMITS);
    await store.create('jean-sid-2', session('jean', 'sid-2'), LIMITS);
    await store.create('jean-no-sid', session('jean'), LIMITS);
    await store.create('marie', session('marie', 'sid-3'), LIMITS);
    const live = async () =>
      (
        await Promise.all(
          ['jean-sid-1', 'jean-sid-2', 'jean-no-sid', 'marie'].map(async (id) => [id, !!(await store.get(id))]),
        )
      )
        .filter(([, alive]) => alive)
        .map(([id]) => id);
    return { store, live };
  }

  it('with a sid and a sub, ends that sid and the user’s sessions without a sid', async () => {
    const { store, live } = await storeWithJean();
    expect(await endSessions(store, OWNER, { sid: 'sid-1', sub: 'jean' }, 20)).toBe(2);
    expect(await live()).toEqual(['jean-sid-2', 'marie']);
  });

  it('with a sub only, ends every session of the user', async () => {
    const { store, live } = await storeWithJean();
    expect(await endSessions(store, OWNER, { sub: 'jean' }, 20)).toBe(3);
    expect(await live()).toEqual(['marie']);
  });

  it('with a sid only, ends that NC Connect session alone', async () => {
    const { store, live } = await storeWithJean();
    expect(await endSessions(store, OWNER, { sid: 'sid-2' }, 20)).toBe(1);
    expect(await live()).toEqual(['jean-sid-1', 'jean-no-sid', 'marie']);
  });
});
