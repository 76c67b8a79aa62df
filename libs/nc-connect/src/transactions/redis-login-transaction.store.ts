import type { NcConnectRedisClient } from '../redis/nc-connect-redis-client.js';
import { withDeadline } from '../redis/redis-deadline.js';
import type { LoginTransaction, LoginTransactionStore } from './login-transaction.js';

/** Login transactions in Redis, so that a login started on one instance can finish on another. */
export class RedisLoginTransactionStore implements LoginTransactionStore {
  constructor(
    private readonly client: NcConnectRedisClient,
    private readonly prefix: string,
  ) {}

  async save(transaction: LoginTransaction, ttlSeconds: number): Promise<void> {
    await withDeadline(
      this.client.set(this.prefix + transaction.state, JSON.stringify(transaction), {
        expiration: { type: 'EX', value: ttlSeconds },
      }),
    );
  }

  async peek(state: string): Promise<LoginTransaction | undefined> {
    const raw = await withDeadline(this.client.get(this.prefix + state));
    return raw ? (JSON.parse(String(raw)) as LoginTransaction) : undefined;
  }

  /** GETDEL: atomic, so two instances racing on one callback cannot both take it. */
  async take(state: string): Promise<LoginTransaction | undefined> {
    const raw = await withDeadline(this.client.getDel(this.prefix + state));
    return raw ? (JSON.parse(String(raw)) as LoginTransaction) : undefined;
  }
}
