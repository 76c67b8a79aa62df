var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { mapProviderError } from './map-provider-error.js';
import { KeysUnavailableError, SignatureVerifier } from './signature-verifier.js';
/**
 * Talks to NC Connect through openid-client: discovery (once, cached; retried on the next call
 * while it fails), authorization URL, code exchange with full ID-token validation, userinfo, end
 * session.
 */
let NcConnectClient = class NcConnectClient {
    options;
    logger = new Logger('NcConnect');
    provider;
    pending;
    constructor(options) {
        this.options = options;
    }
    /** Starts discovery at boot without holding the application back if NC Connect is down. */
    onApplicationBootstrap() {
        this.discover().catch(() => undefined);
    }
    /**
     * The discovered provider. Concurrent callers share one request; a failure is not cached, so the
     * next call tries again.
     * @throws NcConnectError `NC_CONNECT_PROVIDER_UNAVAILABLE` or `NC_CONNECT_PROVIDER_ERROR`
     */
    discover() {
        if (this.provider)
            return Promise.resolve(this.provider);
        this.pending ??= this.load().then((provider) => {
            this.provider = provider;
            this.pending = undefined;
            return provider;
        }, (err) => {
            this.pending = undefined;
            const error = mapProviderError(err, 'discovery');
            this.logger.warn(`${error.code}: discovery of ${this.options.issuer} failed: ${describe(err)}`);
            throw error;
        });
        return this.pending;
    }
    async load() {
        const o = this.options;
        const auth = o.tokenEndpointAuthMethod === 'client_secret_post'
            ? client.ClientSecretPost(o.clientSecret)
            : client.ClientSecretBasic(o.clientSecret);
        const config = await client.discovery(new URL(o.issuer), o.clientId, undefined, auth, {
            timeout: o.httpTimeout / 1000,
            execute: o.allowInsecureRequests ? [client.allowInsecureRequests] : [],
        });
        // openid-client has already required the document's issuer to equal the configured one.
        const metadata = config.serverMetadata();
        const verifier = new SignatureVerifier({
            jwksUri: metadata.jwks_uri,
            clientSecret: o.clientSecret,
            allowedAlgorithms: metadata.id_token_signing_alg_values_supported ?? ['RS256'],
            httpTimeout: o.httpTimeout,
        });
        this.logger.log(`discovered ${metadata.issuer}`);
        return { config, verifier };
    }
    /** The URL of NC Connect's authorization endpoint for one login. */
    async authorizationUrl(request) {
        const { config } = await this.discover();
        return client.buildAuthorizationUrl(config, {
            redirect_uri: this.options.redirectUri,
            scope: this.options.scope,
            state: request.state,
            nonce: request.nonce,
            code_challenge: request.codeChallenge,
            code_challenge_method: 'S256',
            ...(request.prompt ? { prompt: request.prompt } : {}),
        });
    }
    /**
     * Validates the authorization response, redeems the code (PKCE) and validates the ID token in
     * full: openid-client checks iss, aud, azp, exp, iat and nonce; the signature is checked here.
     */
    async exchangeCode(callbackParams, checks) {
        const { config, verifier } = await this.discover();
        const currentUrl = new URL(this.options.redirectUri);
        currentUrl.search = callbackParams.toString();
        let tokens;
        try {
            tokens = await client.authorizationCodeGrant(config, currentUrl, {
                pkceCodeVerifier: checks.codeVerifier,
                expectedState: checks.state,
                expectedNonce: checks.nonce,
                idTokenExpected: true,
            });
        }
        catch (err) {
            throw mapProviderError(err, 'token');
        }
        const idToken = tokens.id_token;
        try {
            await verifier.verify(idToken, this.options.clockTolerance);
        }
        catch (err) {
            if (err instanceof KeysUnavailableError)
                throw mapProviderError(err.cause, 'keys');
            throw new NcConnectError(Code.ID_TOKEN_INVALID, 'NC Connect returned an identity token that failed validation.', {
                cause: err,
            });
        }
        return {
            idToken,
            idTokenClaims: { ...tokens.claims() },
            accessToken: tokens.access_token,
            refreshToken: tokens.refresh_token,
            expiresIn: tokens.expiresIn(),
        };
    }
    /**
     * Fetches userinfo with the Bearer header, accepting JSON or a signed JWT, and requires its `sub`
     * to equal `expectedSub`. Returns `undefined` when the provider has no userinfo endpoint.
     */
    async userinfo(accessToken, expectedSub) {
        const { config, verifier } = await this.discover();
        const endpoint = config.serverMetadata().userinfo_endpoint;
        if (!endpoint)
            return undefined;
        let claims;
        try {
            const response = await client.fetchProtectedResource(config, accessToken, new URL(endpoint), 'GET', null, new Headers({ accept: 'application/json, application/jwt' }));
            claims = await this.readUserinfo(response, verifier);
        }
        catch (err) {
            if (err instanceof KeysUnavailableError)
                throw mapProviderError(err.cause, 'keys');
            throw mapProviderError(err, 'userinfo');
        }
        if (claims.sub !== expectedSub) {
            throw new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned user information about another user.', {
                cause: new Error('userinfo "sub" differs from the ID token "sub"'),
            });
        }
        return claims;
    }
    async readUserinfo(response, verifier) {
        if (response.status !== 200)
            throw new Error(`userinfo answered HTTP ${response.status}`);
        const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
        let claims;
        if (type === 'application/jwt') {
            claims = await verifier.verify((await response.text()).trim(), this.options.clockTolerance);
            const { iss, aud } = claims;
            if (iss !== undefined && iss !== this.options.issuer)
                throw new Error('signed userinfo "iss" mismatch');
            if (aud !== undefined && aud !== this.options.clientId && !(Array.isArray(aud) && aud.includes(this.options.clientId))) {
                throw new Error('signed userinfo "aud" mismatch');
            }
        }
        else if (type === 'application/json') {
            claims = await response.json();
        }
        else {
            throw new Error(`userinfo answered with content-type "${type}"`);
        }
        if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
            throw new Error('userinfo is not a JSON object');
        return claims;
    }
    /**
     * NC Connect's end-session URL for `idTokenHint`, or `undefined` when the provider has none or
     * cannot be reached (the local session is over either way).
     */
    async endSessionUrl(idTokenHint, state) {
        let provider;
        try {
            provider = await this.discover();
        }
        catch {
            return undefined;
        }
        if (!provider.config.serverMetadata().end_session_endpoint)
            return undefined;
        return client.buildEndSessionUrl(provider.config, {
            ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
            ...(this.options.postLogoutRedirectUri ? { post_logout_redirect_uri: this.options.postLogoutRedirectUri } : {}),
            state,
        });
    }
};
NcConnectClient = __decorate([
    Injectable(),
    __param(0, Inject(NC_CONNECT_CONFIG)),
    __metadata("design:paramtypes", [Object])
], NcConnectClient);
export { NcConnectClient };
/** A one-line description of a failure for operators: code and message, never a body. */
export function describe(err) {
    if (!(err instanceof Error))
        return String(err);
    const code = err.code;
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${err.message}${cause}`;
}
//# sourceMappingURL=nc-connect-client.js.map