import { type JWTPayload } from 'jose';
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
export declare class KeysUnavailableError extends Error {
    readonly name = "KeysUnavailableError";
}
/**
 * Checks the signature of JWTs issued by NC Connect: asymmetric algorithms against the provider's
 * JWKS (fetched once, refetched on an unknown `kid` at most every 30 s), HS* against the client
 * secret, `alg: none` never. Claims are checked by openid-client; `jose` re-checks `exp`/`nbf` here.
 */
export declare class SignatureVerifier {
    private readonly options;
    private readonly jwks?;
    private readonly secret;
    private readonly algorithms;
    constructor(options: SignatureVerifierOptions);
    /** Verifies `jwt`'s signature and returns its payload. */
    verify(jwt: string, clockTolerance: number): Promise<JWTPayload>;
}
