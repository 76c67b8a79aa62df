import { LRUCache } from 'lru-cache';
import type { LoginTransaction, LoginTransactionStore } from './login-transaction.js';

/**
 * The default, in-process {@link LoginTransactionStore}: bounded (the oldest pending logins are
 * dropped first when full) and expiring.
 */
export class MemoryLoginTransactionStore implements LoginTransactionStore {
  private readonly cache: LRUCache<string, LoginTransaction>;

  constructor(max = 10_000) {
    this.cache = new LRUCache({ max, ttlAutopurge: false });
  }

  async save(transaction: LoginTransaction, ttlSeconds: number): Promise<void> {
    this.cache.set(transaction.state, transaction, { ttl: ttlSeconds * 1000 });
  }

  async peek(state: string): Promise<LoginTransaction | undefined> {
    return this.cache.get(state, { updateAgeOnGet: false });
  }

  async take(state: string): Promise<LoginTransaction | undefined> {
    const transaction = this.cache.get(state);
    this.cache.delete(state);
    return transaction;
  }
}
