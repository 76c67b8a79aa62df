import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import { SIGNING_ALGORITHMS, type NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import type { SessionKeys } from '../session/session-store.js';
import { boundedFetch } from './bounded-fetch.js';
import { clientAuthFailure } from './client-auth-failure.js';
import { discoveryError } from './discovery-failure.js';
import { clientAuthentication } from './client-authentication.js';
import { isAccessToken } from './access-token-kind.js';
import { audienceIncludes } from './audience.js';
import { mapProviderError, type ProviderStep } from './map-provider-error.js';
import { KeysUnavailableError, SignatureVerifier } from './signature-verifier.js';
import { introspectAccessToken, type IntrospectedToken } from './token-introspection.js';

interface Provider {
  readonly config: client.Configuration;
  readonly verifier: SignatureVerifier;
  readonly idTokenAlgorithms: readonly string[];
  readonly userinfoAlgorithms: readonly string[];
}

/** The ID token as the library's error, with the reason kept for the log only. */
function idTokenInvalid(cause: unknown): NcConnectError {
  return new NcConnectError(Code.ID_TOKEN_INVALID, 'NC Connect returned an identity token that failed validation.', {
    cause,
  });
}

/** A failure to obtain the provider's keys, as the library's error. */
function keysUnavailable(err: KeysUnavailableError): NcConnectError {
  return err.reachable
    ? new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect answered with an invalid response.', { cause: err })
    : new NcConnectError(
        Code.PROVIDER_UNAVAILABLE,
        'NC Connect is unreachable right now; please try again in a moment.',
        {
          cause: err,
        },
      );
}

/** A bearer access token as the library's error; `message` becomes the `error_description` clients see. */
function accessTokenInvalid(message: string, cause?: unknown): NcConnectError {
  return new NcConnectError(Code.BEARER_TOKEN_INVALID, message, { cause: cause ?? new Error(message) });
}

/**
 * Algorithms accepted on JWT access tokens: asymmetric only. An HMAC with the client secret would
 * let anyone holding that secret (every instance of a confidential client) mint tokens.
 */
const ACCESS_TOKEN_ALGORITHMS = SIGNING_ALGORITHMS.filter((alg) => !alg.startsWith('HS') && alg !== 'Ed25519');

/** The `events` member of a back-channel logout token. */
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** What a successful code exchange yields. */
export interface CodeExchangeResult {
  idToken: string;
  idTokenClaims: Record<string, unknown>;
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
}

/** What a successful refresh yields. */
export interface RefreshResult {
  idToken?: string;
  accessToken: string;
  /** A new refresh token, when NC Connect rotates them. */
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
@Injectable()
export class NcConnectClient implements OnApplicationBootstrap {
  private readonly logger = new Logger('NcConnect');
  private provider?: Provider;
  private pending?: Promise<Provider>;

  constructor(@Inject(NC_CONNECT_CONFIG) private readonly options: NcConnectConfig) {}

  /** Starts discovery at boot without holding the application back if NC Connect is down. */
  onApplicationBootstrap(): void {
    this.discover().catch(() => undefined);
  }

  /**
   * The discovered provider. Concurrent callers share one request; a failure is not cached, so the
   * next call tries again.
   * @throws NcConnectError `NC_CONNECT_PROVIDER_UNAVAILABLE` or `NC_CONNECT_PROVIDER_ERROR`
   */
  discover(): Promise<Provider> {
    if (this.provider) return Promise.resolve(this.provider);
    this.pending ??= this.load().then(
      (provider) => {
        this.provider = provider;
        this.pending = undefined;
        return provider;
      },
      (err: unknown) => {
        this.pending = undefined;
        const error = discoveryError(err, this.options.issuer);
        this.logger.warn(`${error.code}: discovery of ${this.options.issuer} failed: ${describe(error.cause)}`);
        throw error;
      },
    );
    return this.pending;
  }

  private async load(): Promise<Provider> {
    const o = this.options;
    const metadata = o.idTokenSignedResponseAlg
      ? { id_token_signed_response_alg: o.idTokenSignedResponseAlg }
      : undefined;
    const fetchWithLimit = boundedFetch();
    const config = await client.discovery(new URL(o.issuer), o.clientId, metadata, clientAuthentication(o), {
      timeout: o.httpTimeout / 1000,
      execute: o.allowInsecureRequests ? [client.allowInsecureRequests] : [],
      [client.customFetch]: fetchWithLimit,
    });
    // openid-client has already required the document's issuer to equal the configured one.
    const server = config.serverMetadata();
    const verifier = new SignatureVerifier({
      jwksUri: server.jwks_uri,
      clientSecret: o.clientSecret,
      httpTimeout: o.httpTimeout,
      fetch: fetchWithLimit,
    });
    this.logger.log(`discovered ${server.issuer}`);
    return {
      config,
      verifier,
      // OpenID Connect's default is RS256 when the provider advertises nothing.
      idTokenAlgorithms: o.idTokenSignedResponseAlg
        ? [o.idTokenSignedResponseAlg]
        : (server.id_token_signing_alg_values_supported ?? ['RS256']),
      userinfoAlgorithms: server.userinfo_signing_alg_values_supported ?? ['RS256'],
    };
  }

  /** The URL of NC Connect's authorization endpoint for one login. */
  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
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
   * full: openid-client checks iss, aud, azp (several audiences), exp, iat and nonce; the signature,
   * `azp` with a single audience and an `iat` in the future are checked here.
   */
  async exchangeCode(
    callbackParams: URLSearchParams,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<CodeExchangeResult> {
    const provider = await this.discover();
    const currentUrl = new URL(this.options.redirectUri);
    currentUrl.search = callbackParams.toString();
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(provider.config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw this.tokenError(err, 'the code exchange');
    }
    const idToken = tokens.id_token as string;
    try {
      await provider.verifier.verify(idToken, provider.idTokenAlgorithms, this.options.clockTolerance);
    } catch (err) {
      throw err instanceof KeysUnavailableError ? keysUnavailable(err) : idTokenInvalid(err);
    }
    const claims = { ...tokens.claims() } as Record<string, unknown>;
    // openid-client checks azp only with several audiences, and iat only for its type.
    if (claims.azp !== undefined && claims.azp !== this.options.clientId) {
      throw idTokenInvalid(new Error('ID token "azp" is not this client'));
    }
    if (typeof claims.iat === 'number' && claims.iat > Date.now() / 1000 + this.options.clockTolerance) {
      throw idTokenInvalid(new Error('ID token "iat" is in the future'));
    }
    return {
      idToken,
      idTokenClaims: claims,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresIn: tokens.expiresIn(),
    };
  }

  /**
   * A failure of a call authenticated as the client (token endpoint, introspection) as the library's
   * error; a refused client is logged with the settings to check.
   */
  private tokenError(err: unknown, during: string, step: ProviderStep = 'token'): NcConnectError {
    const refused = clientAuthFailure(err, during, this.options);
    if (!refused) return mapProviderError(err, step);
    this.logger.error(`${refused.code}: ${describe(refused.cause)}`);
    return refused;
  }

  /**
   * Fetches userinfo with the Bearer header, accepting JSON or a signed JWT, and requires its `sub`
   * to equal `expectedSub`. Returns `undefined` when the provider has no userinfo endpoint.
   */
  async userinfo(accessToken: string, expectedSub: string): Promise<Record<string, unknown> | undefined> {
    const provider = await this.discover();
    const endpoint = provider.config.serverMetadata().userinfo_endpoint;
    if (!endpoint) return undefined;
    let claims: Record<string, unknown>;
    try {
      const response = await this.requestUserinfo(provider, endpoint, accessToken);
      claims = await this.readUserinfo(response, provider);
    } catch (err) {
      throw err instanceof KeysUnavailableError ? keysUnavailable(err) : mapProviderError(err, 'userinfo');
    }
    if (claims.sub !== expectedSub) {
      throw new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned user information about another user.', {
        cause: new Error('userinfo "sub" differs from the ID token "sub"'),
      });
    }
    return claims;
  }

  private requestUserinfo(provider: Provider, endpoint: string, accessToken: string): Promise<Response> {
    return client.fetchProtectedResource(
      provider.config,
      accessToken,
      new URL(endpoint),
      'GET',
      null,
      new Headers({ accept: 'application/json, application/jwt' }),
    );
  }

  private async readUserinfo(response: Response, provider: Provider): Promise<Record<string, unknown>> {
    if (response.status !== 200) throw new Error(`userinfo answered HTTP ${response.status}`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    let claims: unknown;
    if (type === 'application/jwt') {
      const jwt = (await response.text()).trim();
      claims = await provider.verifier.verify(jwt, provider.userinfoAlgorithms, this.options.clockTolerance);
      // OpenID Connect Core 5.3.2: a signed userinfo SHOULD carry iss and aud; when it does, both
      // must be ours (its sub is checked against the ID token's either way).
      const { iss, aud } = claims as { iss?: unknown; aud?: unknown };
      if (iss !== undefined && iss !== provider.config.serverMetadata().issuer) {
        throw new Error('signed userinfo "iss" is not the issuer');
      }
      if (aud !== undefined && !audienceIncludes(aud, [this.options.clientId])) {
        throw new Error('signed userinfo "aud" is not this client');
      }
    } else if (type === 'application/json') {
      try {
        claims = JSON.parse(await response.text());
      } catch {
        // The parser's message quotes the body: keep it out of the logs.
        throw new Error('userinfo is not valid JSON');
      }
    } else {
      throw new Error(`userinfo answered with content-type "${type}"`);
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      throw new Error('userinfo is not a JSON object');
    }
    return claims as Record<string, unknown>;
  }

  /**
   * Redeems a refresh token. A new ID token, if NC Connect sends one, is verified like the first one
   * and must be about the same user from the same issuer (OpenID Connect Core 12.2).
   * @throws NcConnectError `NC_CONNECT_CODE_REJECTED` when NC Connect refuses the refresh token,
   * `NC_CONNECT_CLIENT_AUTH_FAILED` when it refuses this client,
   * `NC_CONNECT_ID_TOKEN_INVALID` for a bad or foreign ID token, 502/503 when it is down
   */
  async refresh(refreshToken: string, expectedSub: string): Promise<RefreshResult> {
    const provider = await this.discover();
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.refreshTokenGrant(provider.config, refreshToken);
    } catch (err) {
      throw this.tokenError(err, 'a refresh');
    }
    if (tokens.id_token) {
      let claims: Record<string, unknown>;
      try {
        claims = await provider.verifier.verify(
          tokens.id_token,
          provider.idTokenAlgorithms,
          this.options.clockTolerance,
        );
      } catch (err) {
        throw err instanceof KeysUnavailableError ? keysUnavailable(err) : idTokenInvalid(err);
      }
      if (claims.sub !== expectedSub || claims.iss !== provider.config.serverMetadata().issuer) {
        throw idTokenInvalid(new Error('the refreshed ID token is about another user or from another issuer'));
      }
    }
    return {
      idToken: tokens.id_token,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresIn: tokens.expiresIn(),
    };
  }

  /**
   * Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6):
   * signature, `iss`, `aud`, `iat`, `exp`, `jti`, the back-channel logout event, no `nonce`, and a
   * `sid` and/or `sub`. Returns who is to be logged out.
   * @throws NcConnectError `NC_CONNECT_LOGOUT_TOKEN_INVALID` (400), or 502/503 when the keys cannot be had
   */
  async verifyLogoutToken(token: unknown): Promise<VerifiedLogoutToken> {
    const invalid = (reason: string, cause?: unknown) =>
      new NcConnectError(Code.LOGOUT_TOKEN_INVALID, 'The logout token is invalid.', {
        cause: cause ?? new Error(reason),
      });
    if (typeof token !== 'string' || token === '' || token.length > 16_384) throw invalid('logout_token is missing');
    const provider = await this.discover();
    let claims: Record<string, unknown>;
    try {
      claims = await provider.verifier.verify(token, this.logoutTokenAlgorithms(), this.options.clockTolerance);
    } catch (err) {
      if (err instanceof KeysUnavailableError) throw keysUnavailable(err);
      throw invalid('signature', err);
    }
    const { iss, aud, iat, jti, events, nonce, sub, sid } = claims;
    if (iss !== provider.config.serverMetadata().issuer) throw invalid('"iss" is not the issuer');
    if (!audienceIncludes(aud, [this.options.clientId])) {
      throw invalid('"aud" is not this client');
    }
    const now = Date.now() / 1000;
    const tolerance = this.options.clockTolerance;
    if (typeof iat !== 'number' || iat > now + tolerance || iat < now - 600 - tolerance) {
      throw invalid('"iat" is missing, in the future or older than 10 minutes');
    }
    if (typeof jti !== 'string' || jti === '') throw invalid('"jti" is missing');
    const event = (events as Record<string, unknown> | undefined)?.[BACKCHANNEL_LOGOUT_EVENT];
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw invalid('"events" does not hold the back-channel logout event');
    }
    if (nonce !== undefined) throw invalid('a logout token must not contain "nonce"');
    if (typeof sub !== 'string' && typeof sid !== 'string') throw invalid('neither "sid" nor "sub"');
    return {
      keys: { ...(typeof sub === 'string' ? { sub } : {}), ...(typeof sid === 'string' ? { sid } : {}) },
      jti,
    };
  }

  /**
   * Logout tokens are signed asymmetrically: an HMAC made with the client secret would let anyone
   * holding that secret log any user out. A symmetric algorithm only when the app pins it
   * (`idTokenSignedResponseAlg`).
   */
  private logoutTokenAlgorithms(): readonly string[] {
    const pinned = this.options.idTokenSignedResponseAlg;
    return pinned ? [pinned] : ACCESS_TOKEN_ALGORITHMS;
  }

  /**
   * Validates a JWT access token presented to the app (V3): signature against the provider's JWKS
   * (asymmetric algorithms only), `iss`, `exp` (required), `iat` not in the future, a `sub`, and
   * `aud` containing, or `azp` or `client_id` (RFC 9068) equal to, one of `audiences`. It must be an
   * access token (see {@link isAccessToken}), so that an ID token, a refresh token or a logout token
   * is not accepted in its place. Returns its claims.
   * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` (401), or 502/503 when the keys cannot be had
   */
  async verifyAccessToken(jwt: string, audiences: readonly string[]): Promise<Record<string, unknown>> {
    const provider = await this.discover();
    let claims: Record<string, unknown>;
    try {
      claims = await provider.verifier.verify(jwt, ACCESS_TOKEN_ALGORITHMS, this.options.clockTolerance);
    } catch (err) {
      if (err instanceof KeysUnavailableError) throw keysUnavailable(err);
      if ((err as { code?: unknown }).code === 'ERR_JWT_EXPIRED')
        throw accessTokenInvalid('The access token expired.', err);
      throw accessTokenInvalid('The access token is invalid.', err);
    }
    if (!isAccessToken(decodeProtectedHeader(jwt).typ, claims)) {
      throw accessTokenInvalid('The token is not an access token.');
    }
    const { iss, exp, iat, sub, aud, azp, client_id: clientId } = claims;
    if (iss !== provider.config.serverMetadata().issuer) {
      throw accessTokenInvalid('The access token was not issued by NC Connect.');
    }
    if (typeof exp !== 'number') throw accessTokenInvalid('The access token has no expiry.');
    if (typeof iat === 'number' && iat > Date.now() / 1000 + this.options.clockTolerance) {
      throw accessTokenInvalid('The access token is invalid.', new Error('access token "iat" is in the future'));
    }
    if (typeof sub !== 'string' || sub === '') throw accessTokenInvalid('The access token names no user.');
    const byClient = [azp, clientId].some((c) => typeof c === 'string' && audiences.includes(c));
    if (!audienceIncludes(aud, audiences) && !byClient) {
      throw accessTokenInvalid('The access token is not meant for this service.');
    }
    return claims;
  }

  /**
   * NC Connect's introspection of an opaque access token presented to the app, required to be
   * active, for one of `audiences` and unexpired (see {@link introspectAccessToken}); `undefined` when
   * discovery offers no `introspection_endpoint`.
   * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` (401), `NC_CONNECT_CLIENT_AUTH_FAILED`,
   * or 502/503 when NC Connect cannot be asked
   */
  async introspect(accessToken: string, audiences: readonly string[]): Promise<IntrospectedToken | undefined> {
    const provider = await this.discover();
    if (!provider.config.serverMetadata().introspection_endpoint) return undefined;
    try {
      return await introspectAccessToken(provider.config, accessToken, audiences, this.options.clockTolerance);
    } catch (err) {
      throw this.tokenError(err, 'token introspection', 'introspection');
    }
  }

  /**
   * NC Connect's userinfo for an access token presented to the app (an opaque V2 token), whoever it
   * is about: how such a token is checked. Returns `undefined` when NC Connect refuses the token
   * (401 or 403: expired, revoked, or not one of its access tokens).
   * @throws NcConnectError `NC_CONNECT_USERINFO_INVALID` (502), `NC_CONNECT_PROVIDER_UNAVAILABLE` (503)
   */
  async userinfoForAccessToken(accessToken: string): Promise<Record<string, unknown> | undefined> {
    const provider = await this.discover();
    const endpoint = provider.config.serverMetadata().userinfo_endpoint;
    if (!endpoint) {
      throw new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect has no userinfo endpoint to check access tokens.');
    }
    let claims: Record<string, unknown>;
    try {
      const response = await this.requestUserinfo(provider, endpoint, accessToken);
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status === 503 || response.status === 504) {
        await response.body?.cancel();
        throw new NcConnectError(
          Code.PROVIDER_UNAVAILABLE,
          'NC Connect is unavailable right now; please try again in a moment.',
          { cause: new Error(`userinfo answered HTTP ${response.status}`) },
        );
      }
      claims = await this.readUserinfo(response, provider);
    } catch (err) {
      // oauth4webapi throws on a WWW-Authenticate challenge: NC Connect refusing the token.
      if (err instanceof client.WWWAuthenticateChallengeError && (err.status === 401 || err.status === 403)) {
        return undefined;
      }
      throw err instanceof KeysUnavailableError ? keysUnavailable(err) : mapProviderError(err, 'userinfo');
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned unusable user information.', {
        cause: new Error('userinfo has no "sub"'),
      });
    }
    return claims;
  }

  /**
   * NC Connect's end-session URL for `idTokenHint`, or `undefined` when the provider has none or
   * cannot be reached (the local session is over either way).
   */
  async endSessionUrl(idTokenHint: string | undefined, state: string): Promise<URL | undefined> {
    let provider: Provider;
    try {
      provider = await this.discover();
    } catch {
      return undefined;
    }
    if (!provider.config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(provider.config, {
      ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
      ...(this.options.postLogoutRedirectUri ? { post_logout_redirect_uri: this.options.postLogoutRedirectUri } : {}),
      state,
    });
  }
}

/** A valid logout token: whose sessions to end, and its id (for replay detection). */
export interface VerifiedLogoutToken {
  readonly keys: SessionKeys;
  readonly jti: string;
}

/** A one-line description of a failure for operators: code and message, never a body. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${err.message}${cause}`;
}
