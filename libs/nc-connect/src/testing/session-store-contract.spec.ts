import { describe, expect, it } from '@jest/globals';
import { MemorySessionStore } from '../session/memory-session.store.js';
import type { NcConnectSessionRecord } from '../session/nc-connect-session.js';
import { sessionStoreContract } from './session-store-contract.js';

describe('sessionStoreContract, with the in-process store', () => {
  for (const check of sessionStoreContract(() => new MemorySessionStore(1000))) it(check.name, check.run);
});

/** The bug the contract exists for: a write that brings back a destroyed session. */
class ResurrectingStore extends MemorySessionStore {
  private readonly last = new Map<string, NcConnectSessionRecord>();

  override async create(
    id: string,
    record: NcConnectSessionRecord,
    options: Parameters<MemorySessionStore['create']>[2],
  ) {
    this.last.set(id, record);
    return super.create(id, record, options);
  }

  override async touch(id: string, lastActiveAt: number, ttlMs: number) {
    const record = this.last.get(id);
    if (record && !(await this.get(id))) await super.create(id, { ...record, lastActiveAt }, { ttlMs, maxPerKey: 10 });
    return super.touch(id, lastActiveAt, ttlMs);
  }
}

describe('sessionStoreContract, with a store that writes a destroyed session back', () => {
  it('fails the checks about missing records', async () => {
    const failed: string[] = [];
    for (const check of sessionStoreContract(() => new ResurrectingStore(1000))) {
      await check.run().catch(() => failed.push(check.name));
    }
    expect(failed).toEqual(['a destroyed record never comes back: touch and update after destroy write nothing']);
  });
});
