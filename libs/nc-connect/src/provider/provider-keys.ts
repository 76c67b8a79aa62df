import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isNetworkFailure } from './map-provider-error.js';

/** The provider's keys could not be fetched or are unusable: a provider failure, not a bad token. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
  constructor(
    readonly reachable: boolean,
    options: { cause: unknown },
  ) {
    super(reachable ? 'the provider JWKS is invalid' : 'the provider JWKS could not be fetched', options);
  }
}

/** How the JWKS is fetched and kept. */
export interface ProviderKeysOptions {
  jwksUri: string;
  /** Milliseconds. */
  httpTimeout: number;
  fetch: (url: string, init?: object) => Promise<Response>;
  /** Keys older than this are refetched before use. @default 10 minutes */
  maxAgeMs?: number;
  /** At most one refetch per this period is caused by unknown `kid`s. @default 30 seconds */
  unknownKidCooldownMs?: number;
}

/**
 * The provider's signing keys (JWKS) for jose: fetched on first use, refetched when older than
 * `maxAgeMs`, and refetched at once when a token names a `kid` the set does not hold (a key
 * rotation) — but at most once per `unknownKidCooldownMs`, so that a flood of tokens with made-up
 * `kid`s cannot turn into a flood of requests to NC Connect. Concurrent fetches are shared.
 */
export class ProviderKeys {
  private keys?: JWTVerifyGetKey;
  private fetchedAt = 0;
  private lastUnknownKidRefetch = Number.NEGATIVE_INFINITY;
  private pending?: Promise<JWTVerifyGetKey>;

  constructor(private readonly options: ProviderKeysOptions) {}

  /** A jose key resolver over the current keys. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const keys = await this.current();
    try {
      return await keys(header, token);
    } catch (err) {
      const now = Date.now();
      const cooldown = this.options.unknownKidCooldownMs ?? 30_000;
      if (
        (err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY' ||
        now - this.lastUnknownKidRefetch < cooldown
      ) {
        throw err;
      }
      this.lastUnknownKidRefetch = now;
      return (await this.reload())(header, token);
    }
  };

  private current(): Promise<JWTVerifyGetKey> {
    const maxAge = this.options.maxAgeMs ?? 10 * 60_000;
    if (this.keys && Date.now() - this.fetchedAt < maxAge) return Promise.resolve(this.keys);
    return this.reload();
  }

  private reload(): Promise<JWTVerifyGetKey> {
    this.pending ??= this.fetchKeys().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeys(): Promise<JWTVerifyGetKey> {
    let response: Response;
    try {
      response = await this.options.fetch(this.options.jwksUri, {
        headers: { accept: 'application/json, application/jwk-set+json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.httpTimeout),
      });
    } catch (err) {
      throw new KeysUnavailableError(!isNetworkFailure(err), { cause: err });
    }
    let keys: JWTVerifyGetKey;
    try {
      if (response.status !== 200) throw new Error(`the JWKS endpoint answered HTTP ${response.status}`);
      keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    } catch (err) {
      throw new KeysUnavailableError(true, { cause: err });
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
    return keys;
  }
}
