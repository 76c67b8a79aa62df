import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectRedisClient } from './nc-connect-redis-client.js';
import { NcConnectConfigurationError } from '../errors/nc-connect-configuration-error.js';

/** Retry every 100 ms more, up to every 2 s, forever: Redis comes back, the app reconnects. */
function reconnectDelay(retries: number): number {
  return Math.min(100 * (retries + 1), 2000);
}

/** How long the app's start waits for Redis before going on without it. */
const STARTUP_WAIT_MS = 5000;

/** node-redis, loaded only when a Redis URL is configured (`redis` is an optional peer dependency). */
async function loadRedis(): Promise<typeof import('redis')> {
  try {
    return await import('redis');
  } catch (cause) {
    throw new NcConnectConfigurationError(
      'redis: the "redis" package is not installed; install it (npm install redis) to keep sessions in Redis',
      { cause },
    );
  }
}

/**
 * The Redis client of the library, when `redis` is configured. From a URL it creates, connects and
 * closes its own client; commands fail at once while Redis is unreachable (no offline queue), so
 * that requests answer 503 instead of hanging, and it reconnects by itself. A client given by the
 * app is used as it is.
 */
export class NcConnectRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('NcConnect');
  private readonly owned: boolean;
  private down = false;

  private constructor(
    readonly client: NcConnectRedisClient | undefined,
    createClient?: (typeof import('redis'))['createClient'],
    url?: string,
  ) {
    this.owned = createClient !== undefined;
    if (createClient) this.client = this.connect(createClient, url as string);
  }

  /** The instance's Redis, if any, as `config.redis` says. */
  static async create(config: NcConnectConfig): Promise<NcConnectRedis> {
    if (typeof config.redis !== 'string') return new NcConnectRedis(config.redis);
    const { createClient } = await loadRedis();
    const redis = new NcConnectRedis(undefined, createClient, config.redis);
    await redis.firstConnection();
    return redis;
  }

  /**
   * Waits for the first connection, at most {@link STARTUP_WAIT_MS}, so that the first requests do
   * not answer 503 while the client is still connecting; an unreachable Redis does not stop the app
   * from starting (requests that need a session answer 503 until it is back).
   */
  private async firstConnection(): Promise<void> {
    const client = this.client as NcConnectRedisClient;
    if (client.isReady) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => client.once('ready', () => resolve())),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, STARTUP_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  private connect(createClient: (typeof import('redis'))['createClient'], url: string): NcConnectRedisClient {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: reconnectDelay, connectTimeout: 5000 },
    }) as NcConnectRedisClient;
    // One line when Redis goes away and one when it is back, not one per retry.
    const lost = (reason: string) => {
      if (this.down) return;
      this.down = true;
      this.logger.error(`NC_CONNECT_SESSION_UNAVAILABLE: Redis is unreachable (${reason}); retrying`);
    };
    client.on('error', (err: Error) => lost(err.message));
    client.on('reconnecting', () => lost('connection lost'));
    client.on('ready', () => {
      if (this.down) this.logger.log('Redis is reachable again');
      this.down = false;
    });
    client.connect().catch(() => undefined);
    return client;
  }

  /** A key under the configured prefix. */
  static key(config: NcConnectConfig, ...parts: string[]): string {
    return `${config.redisKeyPrefix}${parts.join(':')}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.owned || !this.client?.isOpen) return;
    await this.client.close().catch(() => this.client?.destroy());
  }
}
