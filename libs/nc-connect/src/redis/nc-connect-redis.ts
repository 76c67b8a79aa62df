import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectRedisClient } from '../config/nc-connect-options.interface.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';

/** Retry every 100 ms more, up to every 2 s, forever: Redis comes back, the app reconnects. */
function reconnectDelay(retries: number): number {
  return Math.min(100 * (retries + 1), 2000);
}

/**
 * The Redis client of the library, when `redis` is configured. From a URL it creates, connects and
 * closes its own client; commands fail at once while Redis is unreachable (no offline queue), so
 * that requests answer 503 instead of hanging, and it reconnects by itself. A client given by the
 * app is used as it is.
 */
@Injectable()
export class NcConnectRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('NcConnect');
  readonly client?: NcConnectRedisClient;
  private readonly owned: boolean;
  private down = false;

  constructor(@Inject(NC_CONNECT_CONFIG) config: NcConnectConfig) {
    this.owned = typeof config.redis === 'string';
    if (typeof config.redis !== 'string') {
      this.client = config.redis;
      return;
    }
    const client = createClient({
      url: config.redis,
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
    this.client = client;
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
