import { type OnApplicationBootstrap } from '@nestjs/common';
import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { SignatureVerifier } from './signature-verifier.js';
interface Provider {
    readonly config: client.Configuration;
    readonly verifier: SignatureVerifier;
}
/** What a successful code exchange yields. */
export interface CodeExchangeResult {
    idToken: string;
    idTokenClaims: Record<string, unknown>;
    accessToken: string;
    refreshToken?: string;
    expiresIn?: number;
}
/** The parameters of one authorization request. */
export interface AuthorizationRequest {
    state: string;
    nonce: string;
    codeChallenge: string;
    prompt?: string;
}
/**
 * Talks to NC Connect through openid-client: discovery (once, cached; retried on the next call
 * while it fails), authorization URL, code exchange with full ID-token validation, userinfo, end
 * session.
 */
export declare class NcConnectClient implements OnApplicationBootstrap {
    private readonly options;
    private readonly logger;
    private provider?;
    private pending?;
    constructor(options: NcConnectConfig);
    /** Starts discovery at boot without holding the application back if NC Connect is down. */
    onApplicationBootstrap(): void;
    /**
     * The discovered provider. Concurrent callers share one request; a failure is not cached, so the
     * next call tries again.
     * @throws NcConnectError `NC_CONNECT_PROVIDER_UNAVAILABLE` or `NC_CONNECT_PROVIDER_ERROR`
     */
    discover(): Promise<Provider>;
    private load;
    /** The URL of NC Connect's authorization endpoint for one login. */
    authorizationUrl(request: AuthorizationRequest): Promise<URL>;
    /**
     * Validates the authorization response, redeems the code (PKCE) and validates the ID token in
     * full: openid-client checks iss, aud, azp, exp, iat and nonce; the signature is checked here.
     */
    exchangeCode(callbackParams: URLSearchParams, checks: {
        state: string;
        nonce: string;
        codeVerifier: string;
    }): Promise<CodeExchangeResult>;
    /**
     * Fetches userinfo with the Bearer header, accepting JSON or a signed JWT, and requires its `sub`
     * to equal `expectedSub`. Returns `undefined` when the provider has no userinfo endpoint.
     */
    userinfo(accessToken: string, expectedSub: string): Promise<Record<string, unknown> | undefined>;
    private readUserinfo;
    /**
     * NC Connect's end-session URL for `idTokenHint`, or `undefined` when the provider has none or
     * cannot be reached (the local session is over either way).
     */
    endSessionUrl(idTokenHint: string | undefined, state: string): Promise<URL | undefined>;
}
/** A one-line description of a failure for operators: code and message, never a body. */
export declare function describe(err: unknown): string;
export {};
