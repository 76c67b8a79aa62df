import { decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { ProviderKeys } from './provider-keys.js';

export { KeysUnavailableError } from './provider-keys.js';

const SYMMETRIC = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/;

/** What the signature of a provider JWT is checked against. */
export interface SignatureVerifierOptions {
  jwksUri?: string;
  /** The client secret: the HMAC key of HS* tokens (empty: HS* tokens are refused). */
  clientSecret: string;
  /** Milliseconds. */
  httpTimeout: number;
  /** The fetch used for the JWKS. */
  fetch: (url: string, init?: object) => Promise<Response>;
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
  private readonly keys?: ProviderKeys;
  private readonly secret: Uint8Array;

  constructor(options: SignatureVerifierOptions) {
    this.secret = new TextEncoder().encode(options.clientSecret);
    if (options.jwksUri) {
      this.keys = new ProviderKeys({
        jwksUri: options.jwksUri,
        httpTimeout: options.httpTimeout,
        fetch: options.fetch,
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
    if (SYMMETRIC.test(alg)) {
      if (this.secret.length === 0) throw new Error('no client secret to verify an HMAC signature with');
      return (await jwtVerify(jwt, this.secret, options)).payload;
    }
    if (!this.keys) throw new Error('the provider publishes no jwks_uri to verify an asymmetric signature');
    try {
      return (await jwtVerify(jwt, this.keys.getKey, options)).payload;
    } catch (err) {
      if (codeOf(err) !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw err;
      return this.verifyWithEach(jwt, err as AsyncIterable<CryptoKey>, options);
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
