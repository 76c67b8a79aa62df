import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { isNetworkFailure } from './map-provider-error.js';

/** jose's codes for a key lookup in a key set that was fetched: the token's fault, not the provider's. */
const KEY_LOOKUP_CODES = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

/** The provider's keys could not be fetched or are unusable: a provider failure, not a bad token. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
  constructor(
    /** True when the JWKS endpoint answered, with something unusable. */
    readonly reachable: boolean,
    options: { cause: unknown },
  ) {
    super(reachable ? 'the provider JWKS is invalid' : 'the provider JWKS could not be fetched', options);
  }

  /**
   * What a failed key lookup of jose's remote key set means: `undefined` when the set was had and
   * holds no key for the token (the token's fault), else the provider's failure, unreachable (a
   * timeout, a network failure) or reachable (an HTTP error, a body that is not a key set).
   */
  static from(err: unknown): KeysUnavailableError | undefined {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && KEY_LOOKUP_CODES.has(code)) return undefined;
    const unreachable = code === 'ERR_JWKS_TIMEOUT' || isNetworkFailure(err);
    return new KeysUnavailableError(!unreachable, { cause: err });
  }

  /** This failure as the library's error: 502 when the JWKS answered wrongly, 503 when it did not answer. */
  toNcConnectError(): NcConnectError {
    return this.reachable
      ? new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect answered with an invalid response.', { cause: this })
      : new NcConnectError(
          Code.PROVIDER_UNAVAILABLE,
          'NC Connect is unreachable right now; please try again in a moment.',
          { cause: this },
        );
  }
}
