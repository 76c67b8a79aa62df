import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, } from 'jose';
const SYMMETRIC = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/;
/** Thrown when the verifier cannot obtain keys (the provider is unreachable), not when a token is bad. */
export class KeysUnavailableError extends Error {
    name = 'KeysUnavailableError';
}
/**
 * Checks the signature of JWTs issued by NC Connect: asymmetric algorithms against the provider's
 * JWKS (fetched once, refetched on an unknown `kid` at most every 30 s), HS* against the client
 * secret, `alg: none` never. Claims are checked by openid-client; `jose` re-checks `exp`/`nbf` here.
 */
export class SignatureVerifier {
    options;
    jwks;
    secret;
    algorithms;
    constructor(options) {
        this.options = options;
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
    async verify(jwt, clockTolerance) {
        const { alg } = decodeProtectedHeader(jwt);
        if (typeof alg !== 'string' || !this.algorithms.includes(alg)) {
            throw new Error(`JWT algorithm "${String(alg)}" is not allowed (allowed: ${this.algorithms.join(', ') || 'none'})`);
        }
        const options = { algorithms: [alg], clockTolerance };
        if (SYMMETRIC.test(alg))
            return (await jwtVerify(jwt, this.secret, options)).payload;
        if (!this.jwks)
            throw new Error('the provider publishes no jwks_uri to verify an asymmetric signature');
        try {
            return (await jwtVerify(jwt, this.jwks, options)).payload;
        }
        catch (err) {
            const code = err.code;
            if (code === 'ERR_JWKS_TIMEOUT' || (err instanceof TypeError && /fetch/i.test(err.message))) {
                throw new KeysUnavailableError('the provider JWKS could not be fetched', { cause: err });
            }
            throw err;
        }
    }
}
//# sourceMappingURL=signature-verifier.js.map