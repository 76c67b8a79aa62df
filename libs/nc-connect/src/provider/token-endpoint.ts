import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { clientCallFailure } from './client-call-failure.js';
import { KeysUnavailableError } from './keys-unavailable.js';
import type { DiscoveredProvider } from './provider-discovery.js';
import type { NcConnectProviderStatus } from './provider-status.js';

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

/** What the callback checks the authorization response and the ID token against. */
export interface CallbackChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** An ID token that failed validation, as the library's error, with the reason kept for the log only. */
function idTokenInvalid(cause: unknown): NcConnectError {
  if (cause instanceof KeysUnavailableError) return cause.toNcConnectError();
  return new NcConnectError(Code.ID_TOKEN_INVALID, 'NC Connect returned an identity token that failed validation.', {
    cause,
  });
}

type TokenResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/** The token endpoint: the code exchange and refreshes, with the ID tokens they return verified. */
export class TokenEndpoint {
  constructor(
    private readonly options: NcConnectConfig,
    private readonly status: NcConnectProviderStatus,
  ) {}

  /**
   * Validates the authorization response, redeems the code (PKCE) and validates the ID token in
   * full: openid-client checks the response, `nonce`, `azp` with several audiences; jose the
   * signature, `iss`, `aud`, `exp`, `iat` (required, not in the future) and `sub`; `azp`, when
   * present, must be this client.
   */
  async exchangeCode(
    provider: DiscoveredProvider,
    callbackParams: URLSearchParams,
    checks: CallbackChecks,
  ): Promise<CodeExchangeResult> {
    const currentUrl = new URL(this.options.redirectUri);
    currentUrl.search = callbackParams.toString();
    const tokens = await this.call('the code exchange', () =>
      client.authorizationCodeGrant(provider.config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      }),
    );
    const idToken = tokens.id_token as string;
    const claims = await this.verifyIdToken(provider, idToken);
    if (claims.azp !== undefined && claims.azp !== this.options.clientId) {
      throw idTokenInvalid(new Error('ID token "azp" is not this client'));
    }
    return {
      idToken,
      idTokenClaims: { ...tokens.claims() } as Record<string, unknown>,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresIn: tokens.expiresIn(),
    };
  }

  /**
   * Redeems a refresh token. A new ID token, if NC Connect sends one, is verified like the first one
   * and must be about the same user (OpenID Connect Core 12.2).
   * @throws NcConnectError `NC_CONNECT_CODE_REJECTED` when NC Connect refuses the refresh token,
   * `NC_CONNECT_CLIENT_AUTH_FAILED` when it refuses this client,
   * `NC_CONNECT_ID_TOKEN_INVALID` for a bad or foreign ID token, 502/503 when it is down
   */
  async refresh(provider: DiscoveredProvider, refreshToken: string, expectedSub: string): Promise<RefreshResult> {
    const tokens = await this.call('a refresh', () => client.refreshTokenGrant(provider.config, refreshToken));
    if (tokens.id_token) {
      const claims = await this.verifyIdToken(provider, tokens.id_token);
      if (claims.sub !== expectedSub) {
        throw idTokenInvalid(new Error('the refreshed ID token is about another user'));
      }
    }
    return {
      idToken: tokens.id_token,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresIn: tokens.expiresIn(),
    };
  }

  private async call(during: string, request: () => Promise<TokenResponse>): Promise<TokenResponse> {
    let tokens: TokenResponse;
    try {
      tokens = await request();
    } catch (err) {
      throw clientCallFailure(err, during, 'token', this.options, this.status);
    }
    this.status.succeeded('client authentication');
    return tokens;
  }

  private async verifyIdToken(provider: DiscoveredProvider, idToken: string): Promise<Record<string, unknown>> {
    try {
      const { payload } = await provider.jwt.verify(idToken, {
        algorithms: provider.idTokenAlgorithms,
        audience: this.options.clientId,
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      return payload;
    } catch (err) {
      throw idTokenInvalid(err);
    }
  }
}
