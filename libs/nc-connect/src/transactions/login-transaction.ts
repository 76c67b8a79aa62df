import type { StepUpRequest } from '../assurance/assurance-policy.js';

/** A login in progress, from the redirect to NC Connect until its callback. Kept server-side only. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Same-origin path to return to after login. */
  readonly returnTo: string;
  /** SHA-256 (base64url) of the random value in the browser's transaction cookie. */
  readonly bindingHash: string;
  /** Epoch milliseconds after which the callback is refused. */
  readonly expiresAt: number;
  /** What a step-up login asked for (`acr_values`, `max_age`), checked at the callback. */
  readonly stepUp?: StepUpRequest;
}

/**
 * Where login transactions wait for their callback, keyed by `state`. `take` must be atomic and
 * one-time: it returns a transaction at most once, so a replayed callback finds nothing.
 */
export interface LoginTransactionStore {
  save(transaction: LoginTransaction, ttlSeconds: number): Promise<void>;
  /** Reads without consuming (to check the browser binding before anything is spent). */
  peek(state: string): Promise<LoginTransaction | undefined>;
  /** Reads and deletes. */
  take(state: string): Promise<LoginTransaction | undefined>;
}
