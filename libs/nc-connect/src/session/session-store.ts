import type { NcConnectSessionRecord } from './nc-connect-session.js';

/** What sessions are found by when NC Connect ends them (back-channel logout). */
export interface SessionKeys {
  /** The user (`sub` of the ID token). */
  readonly sub?: string;
  /** NC Connect's session (`sid` of the ID token). */
  readonly sid?: string;
}

/** Whose sessions: the `NcConnectModule` instance and its issuer (every record names its owner). */
export interface SessionOwner {
  readonly instance: string;
  readonly issuer: string;
}

/** How a new session is kept. */
export interface SessionCreateOptions {
  /** Milliseconds until the store may forget the record. */
  readonly ttlMs: number;
  /**
   * At most this many sessions per owner and `sub`, and per owner and `sid`: creating one more ends
   * the oldest of that user (or NC Connect session), index entry and record alike, never the new one.
   */
  readonly maxPerKey: number;
}

/**
 * Where sessions live: a small contract of explicit operations, none of which can bring back a
 * record that was destroyed. `touch` and `update` change an existing record only and say whether
 * there was one; `create` never overwrites. The store also indexes records by owner and `sub`, and by
 * owner and `sid`, for back-channel logout; an index entry leaves with its record.
 *
 * The library ships an in-process store and a Redis store; check another one with the contract kit
 * of `nestjs-nc-connect/testing` (`sessionStoreContract`).
 */
export interface NcConnectSessionStore {
  /** Keeps a new record under `id` and indexes it; `false`, writing nothing, when `id` exists. */
  create(id: string, record: NcConnectSessionRecord, options: SessionCreateOptions): Promise<boolean>;
  /** The record under `id`, or `undefined` when there is none (destroyed, expired or evicted). */
  get(id: string): Promise<NcConnectSessionRecord | undefined>;
  /** Records activity: sets `lastActiveAt` and the time to live of an existing record; `false` when missing. */
  touch(id: string, lastActiveAt: number, ttlMs: number): Promise<boolean>;
  /**
   * Replaces the data of an existing record (same owner, `sub` and `sid`), keeping its `lastActiveAt`
   * and its time to live, which only `touch` changes; `false`, writing nothing, when missing.
   */
  update(id: string, record: NcConnectSessionRecord): Promise<boolean>;
  /** Deletes the record and its index entries; `false` when there was none. */
  destroy(id: string): Promise<boolean>;
  /** Up to `limit` ids of `owner`'s live records of an NC Connect session (`sid` if given), else of a user (`sub`). */
  find(owner: SessionOwner, keys: SessionKeys, limit: number): Promise<string[]>;
}
