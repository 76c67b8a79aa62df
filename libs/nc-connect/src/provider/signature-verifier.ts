import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { isNetworkFailure } from './map-provider-error.js';

const SYMMETRIC = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/;

/** jose's codes for "the keys could not be obtained", as opposed to "the token is bad". */
const KEYS_UNREACHABLE = new Set(['ERR_JWKS_TIMEOUT']);
const KEYS_INVALID = new Set(['ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/** What the signature of a provider JWT is checked against. */
export interface SignatureVerifierOptions {
  jwksUri?: string;
  /** The client secret: the HMAC key of HS* tokens. */
  clientSecret: string;
  /** Milliseconds. */
  httpTimeout: number;
}

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

function codeOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/**
 * Checks the signature of JWTs issued by NC Connect: asymmetric algorithms against the provider's
 * JWKS (fetched once, refetched on an unknown `kid` at most every 30 s), HS* against the client
 * secret, and only the algorithms the caller allows (`none` never). Claims are checked by the caller
 * (openid-client); jose re-checks `exp` and `nbf` here.
 */
export class SignatureVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret: Uint8Array;

  constructor(options: SignatureVerifierOptions) {
    this.secret = new TextEncoder().encode(options.clientSecret);
    if (options.jwksUri) {
      this.jwks = createRemoteJWKSet(new URL(options.jwksUri), {
        timeoutDuration: options.httpTimeout,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
    }
  }

  /** Verifies `jwt`'s signature with one of `algorithms` and returns its payload. */
  async verify(jwt: string, algorithms: readonly string[], clockTolerance: number): Promise<JWTPayload> {
    const allowed = algorithms.filter((alg) => SYMMETRIC.test(alg) || ASYMMETRIC.test(alg));
    const { alg } = decodeProtectedHeader(jwt);
    if (typeof alg !== 'string' || !allowed.includes(alg)) {
      throw new Error(`JWT algorithm "${String(alg)}" is not allowed (allowed: ${allowed.join(', ') || 'none'})`);
    }
    const options: JWTVerifyOptions = { algorithms: [alg], clockTolerance };
    if (SYMMETRIC.test(alg)) return (await jwtVerify(jwt, this.secret, options)).payload;
    if (!this.jwks) throw new Error('the provider publishes no jwks_uri to verify an asymmetric signature');
    try {
      return (await jwtVerify(jwt, this.jwks, options)).payload;
    } catch (err) {
      const code = codeOf(err);
      if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
        return this.verifyWithEach(jwt, err as AsyncIterable<CryptoKey>, options);
      if ((code && KEYS_UNREACHABLE.has(code)) || isNetworkFailure(err))
        throw new KeysUnavailableError(false, { cause: err });
      if (code && KEYS_INVALID.has(code)) throw new KeysUnavailableError(true, { cause: err });
      throw err;
    }
  }

  /** Several keys match (e.g. keys without `kid`): the token is valid if one of them verifies it. */
  private async verifyWithEach(jwt: string, candidates: AsyncIterable<CryptoKey>, options: JWTVerifyOptions) {
    let lastError: unknown = new Error('no candidate key verified the signature');
    for await (const key of candidates) {
      try {
        return (await jwtVerify(jwt, key, options)).payload;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }
}
