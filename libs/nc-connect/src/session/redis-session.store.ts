import { createHash } from 'node:crypto';
import type { NcConnectRedisClient } from '../redis/nc-connect-redis-client.js';
import { withDeadline } from '../redis/redis-deadline.js';
import type { NcConnectSessionRecord } from './nc-connect-session.js';
import { CREATE, DESTROY, FIND, TOUCH, UPDATE } from './redis-session.scripts.js';
import { indexKeys } from './session-index-keys.js';
import type { NcConnectSessionStore, SessionCreateOptions, SessionKeys, SessionOwner } from './session-store.js';

/** A Lua script and its SHA-1, for EVALSHA. */
interface Script {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const SCRIPTS = {
  create: script(CREATE),
  touch: script(TOUCH),
  update: script(UPDATE),
  destroy: script(DESTROY),
  find: script(FIND),
};

/** Whole milliseconds, at least 1 (Redis refuses a zero time to live). */
function ms(value: number): string {
  return String(Math.max(1, Math.ceil(value)));
}

/**
 * Sessions in Redis (node-redis), shared by every instance of the app. Each operation is one
 * atomic script (see `redis-session.scripts.ts`): `touch` and `update` on a destroyed session do
 * nothing, whichever instance destroyed it.
 */
export class RedisSessionStore implements NcConnectSessionStore {
  private readonly sessionPrefix: string;
  private readonly indexPrefix: string;

  /**
   * @param client a node-redis client
   * @param prefix the key prefix, e.g. `nc-connect:`
   * @param indexTtlMs how long an index set may outlive its last change (the absolute session lifetime)
   */
  constructor(
    private readonly client: NcConnectRedisClient,
    prefix: string,
    private readonly indexTtlMs: number,
  ) {
    // Not the `sess:` and `idx:` keys of versions before 0.2 (express-session), whose types differ.
    this.sessionPrefix = `${prefix}session:`;
    this.indexPrefix = `${prefix}session-index:`;
  }

  async create(id: string, record: NcConnectSessionRecord, options: SessionCreateOptions): Promise<boolean> {
    // By sub first (always there), then by sid.
    const index = indexKeys(record, record)
      .reverse()
      .map((key) => this.indexPrefix + key);
    const created = await this.run(
      SCRIPTS.create,
      [this.sessionPrefix + id, ...index],
      [
        id,
        JSON.stringify(record),
        String(record.lastActiveAt),
        ms(options.ttlMs),
        String(options.maxPerKey),
        this.sessionPrefix,
        ms(this.indexTtlMs),
      ],
    );
    return created === 1;
  }

  async get(id: string): Promise<NcConnectSessionRecord | undefined> {
    const [data, lastActiveAt] = await withDeadline(this.client.hmGet(this.sessionPrefix + id, ['d', 'a']));
    if (data === null || data === undefined) return undefined;
    const record = JSON.parse(String(data)) as NcConnectSessionRecord;
    return { ...record, lastActiveAt: Number(lastActiveAt) };
  }

  async touch(id: string, lastActiveAt: number, ttlMs: number): Promise<boolean> {
    return (await this.run(SCRIPTS.touch, [this.sessionPrefix + id], [String(lastActiveAt), ms(ttlMs)])) === 1;
  }

  async update(id: string, record: NcConnectSessionRecord): Promise<boolean> {
    return (await this.run(SCRIPTS.update, [this.sessionPrefix + id], [JSON.stringify(record)])) === 1;
  }

  async destroy(id: string): Promise<boolean> {
    return (await this.run(SCRIPTS.destroy, [this.sessionPrefix + id], [id])) === 1;
  }

  async find(owner: SessionOwner, keys: SessionKeys, limit: number): Promise<string[]> {
    const [key] = indexKeys(owner, keys);
    if (!key) return [];
    const ids = await this.run(SCRIPTS.find, [this.indexPrefix + key], [String(limit), this.sessionPrefix]);
    return (ids as unknown[]).map(String);
  }

  /** EVALSHA, loading the script with EVAL the first time a Redis server does not know it. */
  private async run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await withDeadline(this.client.evalSha(script.sha, { keys, arguments: args }));
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return withDeadline(this.client.eval(script.source, { keys, arguments: args }));
    }
  }
}
