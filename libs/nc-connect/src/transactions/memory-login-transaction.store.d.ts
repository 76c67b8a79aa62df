import type { LoginTransaction, LoginTransactionStore } from './login-transaction.js';
/**
 * The default, in-process {@link LoginTransactionStore}: bounded (the oldest pending logins are
 * dropped first when full) and expiring.
 */
export declare class MemoryLoginTransactionStore implements LoginTransactionStore {
    private readonly cache;
    constructor(max?: number);
    save(transaction: LoginTransaction, ttlSeconds: number): Promise<void>;
    take(state: string): Promise<LoginTransaction | undefined>;
}
