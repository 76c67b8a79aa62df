import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

const SYMMETRIC = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/;

/** What the signature of a provider JWT is checked against. */
export interface SignatureVerifierOptions {
  jwksUri?: string;
  /** The client secret: the HMAC key of HS* tokens. */
  clientSecret: string;
  /** The algorithms the provider advertises; `none` is dropped whatever it says. */
  allowedAlgorithms: readonly string[];
  /** Milliseconds. */
  httpTimeout: number;
}

/** Thrown when the verifier cannot obtain keys (the provider is unreachable), not when a token is bad. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

/**
 * Checks the signature of JWTs issued by NC Connect: asymmetric algorithms against the provider's
 * JWKS (fetched once, refetched on an unknown `kid` at most every 30 s), HS* against the client
 * secret, `alg: none` never. Claims are checked by openid-client; `jose` re-checks `exp`/`nbf` here.
 */
export class SignatureVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret: Uint8Array;
  private readonly algorithms: string[];

  constructor(private readonly options: SignatureVerifierOptions) {
    this.algorithms = options.allowedAlgorithms.filter((alg) => SYMMETRIC.test(alg) || ASYMMETRIC.test(alg));
    this.secret = new TextEncoder().encode(options.clientSecret);
    if (options.jwksUri) {
      this.jwks = createRemoteJWKSet(new URL(options.jwksUri), {
        timeoutDuration: options.httpTimeout,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
    }
  }

  /** Verifies `jwt`'s signature and returns its payload. */
  async verify(jwt: string, clockTolerance: number): Promise<JWTPayload> {
    const { alg } = decodeProtectedHeader(jwt);
    if (typeof alg !== 'string' || !this.algorithms.includes(alg)) {
      throw new Error(
        `JWT algorithm "${String(alg)}" is not allowed (allowed: ${this.algorithms.join(', ') || 'none'})`,
      );
    }
    const options = { algorithms: [alg], clockTolerance };
    if (SYMMETRIC.test(alg)) return (await jwtVerify(jwt, this.secret, options)).payload;
    if (!this.jwks) throw new Error('the provider publishes no jwks_uri to verify an asymmetric signature');
    try {
      return (await jwtVerify(jwt, this.jwks, options)).payload;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_JWKS_TIMEOUT' || (err instanceof TypeError && /fetch/i.test(err.message))) {
        throw new KeysUnavailableError('the provider JWKS could not be fetched', { cause: err });
      }
      throw err;
    }
  }
}
