import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
import { KeysUnavailableError } from './keys-unavailable.js';

const SYMMETRIC = /^HS(256|384|512)$/;
/** At most one JWKS refetch per this period is caused by unknown `kid`s (a flood of made-up ones). */
const UNKNOWN_KID_COOLDOWN_MS = 30_000;
type RemoteJWKSet = ReturnType<typeof createRemoteJWKSet>;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/;

/** Where the signatures of a provider's JWTs are checked. */
export interface ProviderJwtOptions {
  /** The provider's issuer, which every JWT must name in `iss`. */
  issuer: string;
  jwksUri?: string;
  /** The client secret: the HMAC key of HS* tokens (empty: HS* tokens are refused). */
  clientSecret: string;
  /** Milliseconds allowed to a JWKS request. */
  httpTimeout: number;
  /** Seconds of leeway on `exp`, `nbf` and `iat`. */
  clockTolerance: number;
  /** The fetch used for the JWKS (the library's bounded one). */
  fetch: (url: string, init?: object) => Promise<Response>;
}

/** What one kind of JWT must satisfy beyond its signature. */
export interface JwtExpectations {
  /** The signing algorithms accepted (`none` never is). */
  algorithms: readonly string[];
  /** The `aud` that must be among the token's audiences; none: `aud` is not checked here. */
  audience?: string | string[];
  /**
   * Claims checked only when the token carries them (signed userinfo: OpenID Connect Core 5.3.2 says
   * it SHOULD carry `iss` and `aud`); when present they must still be the issuer and the audience.
   */
  checkedWhenPresent?: Array<'iss' | 'aud'>;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** The most seconds since `iat` (which is then required). */
  maxTokenAge?: number;
}

/**
 * The one place where JWTs from NC Connect (ID tokens, signed userinfo, logout tokens, JWT access
 * tokens) are verified: jose checks the signature against the provider's JWKS (jose's remote key
 * set: cached 10 minutes, through the library's bounded fetch and timeout; refetched on an unknown
 * `kid` at most every 30 s) or, for HS*, the client secret; and the issuer, audience, required
 * claims, maximum age, `exp` and `nbf`. An `iat` in the future is refused whatever the kind.
 */
export class ProviderJwtVerifier {
  private readonly remoteKeys?: RemoteJWKSet;
  private readonly secret: Uint8Array;

  constructor(private readonly options: ProviderJwtOptions) {
    this.secret = new TextEncoder().encode(options.clientSecret);
    if (options.jwksUri) {
      this.remoteKeys = createRemoteJWKSet(new URL(options.jwksUri), {
        timeoutDuration: options.httpTimeout,
        // jose's own refetch on an unknown kid is off (its cooldown counts only successful fetches):
        // `keys` below decides, counting every attempt.
        cooldownDuration: Number.POSITIVE_INFINITY,
        cacheMaxAge: 10 * 60_000,
        [customFetch]: options.fetch,
      });
    }
  }

  /**
   * Verifies `jwt` as `expected` says and returns its payload and header.
   * @throws KeysUnavailableError when the provider's keys cannot be had; jose's errors (whose `code`
   * says why) for a token that fails
   */
  async verify(jwt: string, expected: JwtExpectations): Promise<JWTVerifyResult> {
    const allowed = expected.algorithms.filter((alg) => SYMMETRIC.test(alg) || ASYMMETRIC.test(alg));
    const { alg } = decodeProtectedHeader(jwt);
    if (typeof alg !== 'string' || !allowed.includes(alg)) {
      throw new Error(`JWT algorithm "${String(alg)}" is not allowed (allowed: ${allowed.join(', ') || 'none'})`);
    }
    const absent = (claim: 'iss' | 'aud') =>
      expected.checkedWhenPresent?.includes(claim) === true && decodeJwt(jwt)[claim] === undefined;
    const options: JWTVerifyOptions = {
      algorithms: [alg],
      clockTolerance: this.options.clockTolerance,
      ...(absent('iss') ? {} : { issuer: this.options.issuer }),
      ...(expected.audience !== undefined && !absent('aud') ? { audience: expected.audience } : {}),
      ...(expected.requiredClaims ? { requiredClaims: expected.requiredClaims } : {}),
      ...(expected.maxTokenAge !== undefined ? { maxTokenAge: expected.maxTokenAge } : {}),
    };
    const result = await this.verifySignature(jwt, alg, options);
    this.checkIssuedAt(result.payload);
    return result;
  }

  private async verifySignature(jwt: string, alg: string, options: JWTVerifyOptions): Promise<JWTVerifyResult> {
    if (SYMMETRIC.test(alg)) {
      if (this.secret.length === 0) throw new Error('no client secret to verify an HMAC signature with');
      return jwtVerify(jwt, this.secret, options);
    }
    if (!this.remoteKeys) throw new Error('the provider publishes no jwks_uri to verify an asymmetric signature');
    try {
      return await jwtVerify(jwt, this.keys, options);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw err;
      return this.verifyWithEach(jwt, err as AsyncIterable<CryptoKey>, options);
    }
  }

  /**
   * The remote key set, with its fetch failures told apart from a token that matches no key. An
   * unknown `kid` (a key rotation, or a made-up `kid`) causes one refetch at most every 30 s, counted
   * from the last attempt whether it worked or not: a flood of forged tokens never becomes a flood of
   * JWKS requests, even while the JWKS endpoint fails.
   */
  private readonly keys: JWTVerifyGetKey = async (header, token) => {
    const remote = this.remoteKeys as RemoteJWKSet;
    try {
      try {
        return await remote(header, token);
      } catch (err) {
        const now = Date.now();
        const unknownKid = (err as { code?: unknown }).code === 'ERR_JWKS_NO_MATCHING_KEY';
        if (!unknownKid || now - this.lastUnknownKidReload < UNKNOWN_KID_COOLDOWN_MS) throw err;
        this.lastUnknownKidReload = now;
        await remote.reload();
        return await remote(header, token);
      }
    } catch (err) {
      throw KeysUnavailableError.from(err) ?? err;
    }
  };
  private lastUnknownKidReload = Number.NEGATIVE_INFINITY;

  /** Several keys match (e.g. keys without `kid`): the token is valid if one of them verifies it. */
  private async verifyWithEach(jwt: string, candidates: AsyncIterable<CryptoKey>, options: JWTVerifyOptions) {
    let lastError: unknown = new Error('no candidate key verified the signature');
    for await (const key of candidates) {
      try {
        return await jwtVerify(jwt, key, options);
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  /** jose checks `iat` only with `maxTokenAge`; a token issued in the future is refused here. */
  private checkIssuedAt(payload: JWTPayload): void {
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + this.options.clockTolerance) {
      throw new Error('JWT "iat" is in the future');
    }
  }
}
