import { LRUCache } from 'lru-cache';
/**
 * The default, in-process {@link LoginTransactionStore}: bounded (the oldest pending logins are
 * dropped first when full) and expiring.
 */
export class MemoryLoginTransactionStore {
    cache;
    constructor(max = 10_000) {
        this.cache = new LRUCache({ max, ttlAutopurge: false });
    }
    async save(transaction, ttlSeconds) {
        this.cache.set(transaction.state, transaction, { ttl: ttlSeconds * 1000 });
    }
    async take(state) {
        const transaction = this.cache.get(state);
        this.cache.delete(state);
        return transaction;
    }
}
//# sourceMappingURL=memory-login-transaction.store.js.map