/** The keys and arguments of a Lua script call (`EVAL`, `EVALSHA`), as node-redis takes them. */
export interface NcConnectRedisScriptCall {
  keys: string[];
  arguments: string[];
}

/** `SET` options the library uses: only if absent, with a time to live in seconds. */
export interface NcConnectRedisSetOptions {
  condition?: 'NX';
  expiration?: { type: 'EX'; value: number };
}

/**
 * A node-redis client (`createClient()` from `redis` 5 or later), whatever its modules, scripts or
 * RESP version: what the library calls on it, and nothing more. Declared here rather than imported
 * from `redis`, so that an app without Redis compiles without the `redis` package installed.
 */
export interface NcConnectRedisClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
  destroy(): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'ready' | 'reconnecting', listener: () => void): unknown;
  once(event: 'ready', listener: () => void): unknown;
  get(key: string): Promise<unknown>;
  getDel(key: string): Promise<unknown>;
  set(key: string, value: string, options: NcConnectRedisSetOptions): Promise<unknown>;
  hmGet(key: string, fields: string[]): Promise<readonly unknown[]>;
  eval(script: string, call: NcConnectRedisScriptCall): Promise<unknown>;
  evalSha(sha: string, call: NcConnectRedisScriptCall): Promise<unknown>;
}
