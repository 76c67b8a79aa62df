import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { AccessTokens } from './access-tokens.js';
import { verifyLogoutToken, type VerifiedLogoutToken } from './logout-token.js';
import { ProviderDiscovery, type DiscoveredProvider } from './provider-discovery.js';
import { NcConnectProviderStatus } from './provider-status.js';
import type { IntrospectedToken } from './token-introspection.js';
import { TokenEndpoint, type CallbackChecks, type CodeExchangeResult, type RefreshResult } from './token-endpoint.js';
import { UserinfoEndpoint } from './userinfo-endpoint.js';

/** The parameters of one authorization request. */
export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  prompt?: string;
  /** OpenID Connect `max_age`, in seconds. */
  maxAge?: number;
  /** OpenID Connect `acr_values`. */
  acrValues?: string;
}

/**
 * One instance's conversation with NC Connect, through openid-client and jose: discovery (once,
 * kept; retried on the next call while it fails), the authorization and end-session URLs, the token
 * endpoint, userinfo, logout tokens and bearer access tokens. Each concern lives in a file of its own;
 * this class gives them the discovered provider.
 */
@Injectable()
export class NcConnectClient implements OnApplicationBootstrap {
  private readonly discovery: ProviderDiscovery;
  private readonly tokenEndpoint: TokenEndpoint;
  private readonly userinfoEndpoint: UserinfoEndpoint;
  private readonly accessTokens: AccessTokens;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly options: NcConnectConfig,
    status: NcConnectProviderStatus,
    telemetry: NcConnectTelemetry,
  ) {
    this.discovery = new ProviderDiscovery(options, status, telemetry);
    this.tokenEndpoint = new TokenEndpoint(options, status);
    this.userinfoEndpoint = new UserinfoEndpoint(options);
    this.accessTokens = new AccessTokens(options, status);
  }

  /** Starts discovery at boot without holding the application back if NC Connect is down. */
  onApplicationBootstrap(): void {
    this.discover().catch(() => undefined);
  }

  /**
   * The discovered provider.
   * @throws NcConnectError `NC_CONNECT_ISSUER_MISCONFIGURED`, `NC_CONNECT_PROVIDER_UNAVAILABLE` or
   * `NC_CONNECT_PROVIDER_ERROR`
   */
  discover(): Promise<DiscoveredProvider> {
    return this.discovery.discover();
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
      ...(request.maxAge !== undefined ? { max_age: String(request.maxAge) } : {}),
      ...(request.acrValues ? { acr_values: request.acrValues } : {}),
    });
  }

  /** Redeems the authorization code of a callback and validates its ID token (see {@link TokenEndpoint}). */
  async exchangeCode(callbackParams: URLSearchParams, checks: CallbackChecks): Promise<CodeExchangeResult> {
    return this.tokenEndpoint.exchangeCode(await this.discover(), callbackParams, checks);
  }

  /** Redeems a refresh token (see {@link TokenEndpoint.refresh}). */
  async refresh(refreshToken: string, expectedSub: string): Promise<RefreshResult> {
    return this.tokenEndpoint.refresh(await this.discover(), refreshToken, expectedSub);
  }

  /** The user's claims from userinfo after a login (see {@link UserinfoEndpoint.forLogin}). */
  async userinfo(accessToken: string, expectedSub: string): Promise<Record<string, unknown> | undefined> {
    return this.userinfoEndpoint.forLogin(await this.discover(), accessToken, expectedSub);
  }

  /** Whoever an opaque access token belongs to, by userinfo (see {@link UserinfoEndpoint.forAccessToken}). */
  async userinfoForAccessToken(accessToken: string): Promise<Record<string, unknown> | undefined> {
    return this.userinfoEndpoint.forAccessToken(await this.discover(), accessToken);
  }

  /** Validates a back-channel logout token (see {@link verifyLogoutToken}). */
  async verifyLogoutToken(token: unknown): Promise<VerifiedLogoutToken> {
    return verifyLogoutToken(() => this.discover(), this.options, token);
  }

  /** Validates a JWT access token presented to the app (see {@link AccessTokens.verifyJwt}). */
  async verifyAccessToken(jwt: string, audiences: readonly string[]): Promise<Record<string, unknown>> {
    return this.accessTokens.verifyJwt(await this.discover(), jwt, audiences);
  }

  /** Introspects an opaque access token presented to the app (see {@link AccessTokens.introspect}). */
  async introspect(accessToken: string, audiences: readonly string[]): Promise<IntrospectedToken | undefined> {
    return this.accessTokens.introspect(await this.discover(), accessToken, audiences);
  }

  /**
   * NC Connect's end-session URL for `idTokenHint`, or `undefined` when the provider has none or
   * cannot be reached (the local session is over either way).
   */
  async endSessionUrl(idTokenHint: string | undefined, state: string): Promise<URL | undefined> {
    let provider: DiscoveredProvider;
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
