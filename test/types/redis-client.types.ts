// Compiled by `npm run typecheck`, never run: every node-redis client flavour is an NcConnectRedisClient,
// though the library's declarations do not import `redis` (an app without Redis need not install it).
import type { NcConnectModuleOptions, NcConnectRedisClient } from 'nestjs-nc-connect';
import { createClient } from 'redis';

export const clients: NcConnectRedisClient[] = [
  createClient(),
  createClient({ url: 'redis://127.0.0.1:6379', RESP: 3 }),
  createClient({ RESP: 2, scripts: {}, functions: {}, modules: {} }),
  createClient({ disableOfflineQueue: true, socket: { reconnectStrategy: false } }),
];

export const options: Pick<NcConnectModuleOptions, 'redis'> = { redis: createClient({ RESP: 3 }) };

// @ts-expect-error an object that is not a Redis client
export const notAClient: NcConnectRedisClient = { isOpen: true, isReady: true };
