import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { KeysUnavailableError } from './keys-unavailable.js';
import { mapProviderError } from './map-provider-error.js';
import type { DiscoveredProvider } from './provider-discovery.js';

/** A failed userinfo call as the library's error. */
function userinfoFailure(err: unknown): NcConnectError {
  return err instanceof KeysUnavailableError ? err.toNcConnectError() : mapProviderError(err, 'userinfo');
}

function unavailable(status: number): NcConnectError {
  return new NcConnectError(
    Code.PROVIDER_UNAVAILABLE,
    'NC Connect is unavailable right now; please try again in a moment.',
    {
      cause: new Error(`userinfo answered HTTP ${status}`),
    },
  );
}

/**
 * NC Connect's userinfo endpoint, asked with a Bearer access token, answering JSON or a signed JWT
 * (whose signature is verified, and its `iss` and `aud` when it carries them: OpenID Connect Core
 * 5.3.2 says it SHOULD).
 */
export class UserinfoEndpoint {
  constructor(private readonly options: NcConnectConfig) {}

  /**
   * The user's claims, whose `sub` must be `expectedSub` (the ID token's); `undefined` when the
   * provider has no userinfo endpoint.
   */
  async forLogin(
    provider: DiscoveredProvider,
    accessToken: string,
    expectedSub: string,
  ): Promise<Record<string, unknown> | undefined> {
    const endpoint = provider.config.serverMetadata().userinfo_endpoint;
    if (!endpoint) return undefined;
    let claims: Record<string, unknown>;
    try {
      claims = await this.read(provider, await this.request(provider, endpoint, accessToken));
    } catch (err) {
      throw userinfoFailure(err);
    }
    if (claims.sub !== expectedSub) {
      throw new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned user information about another user.', {
        cause: new Error('userinfo "sub" differs from the ID token "sub"'),
      });
    }
    return claims;
  }

  /**
   * The claims of whoever `accessToken` (presented to the app) belongs to: how an opaque V2 token is
   * checked without introspection. `undefined` when NC Connect refuses the token (401 or 403).
   * @throws NcConnectError `NC_CONNECT_USERINFO_INVALID` (502), `NC_CONNECT_PROVIDER_UNAVAILABLE` (503)
   */
  async forAccessToken(
    provider: DiscoveredProvider,
    accessToken: string,
  ): Promise<Record<string, unknown> | undefined> {
    const endpoint = provider.config.serverMetadata().userinfo_endpoint;
    if (!endpoint) {
      throw new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect has no userinfo endpoint to check access tokens.');
    }
    let claims: Record<string, unknown>;
    try {
      const response = await this.request(provider, endpoint, accessToken);
      if ([401, 403, 503, 504].includes(response.status)) {
        await response.body?.cancel();
        if (response.status === 401 || response.status === 403) return undefined;
        throw unavailable(response.status);
      }
      claims = await this.read(provider, response);
    } catch (err) {
      // oauth4webapi throws on a WWW-Authenticate challenge: NC Connect refusing the token.
      if (err instanceof client.WWWAuthenticateChallengeError && (err.status === 401 || err.status === 403)) {
        return undefined;
      }
      throw userinfoFailure(err);
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new NcConnectError(Code.USERINFO_INVALID, 'NC Connect returned unusable user information.', {
        cause: new Error('userinfo has no "sub"'),
      });
    }
    return claims;
  }

  private request(provider: DiscoveredProvider, endpoint: string, accessToken: string): Promise<Response> {
    return client.fetchProtectedResource(
      provider.config,
      accessToken,
      new URL(endpoint),
      'GET',
      null,
      new Headers({ accept: 'application/json, application/jwt' }),
    );
  }

  private async read(provider: DiscoveredProvider, response: Response): Promise<Record<string, unknown>> {
    if (response.status !== 200) throw new Error(`userinfo answered HTTP ${response.status}`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    let claims: unknown;
    if (type === 'application/jwt') {
      const jwt = (await response.text()).trim();
      const verified = await provider.jwt.verify(jwt, {
        algorithms: provider.userinfoAlgorithms,
        audience: this.options.clientId,
        checkedWhenPresent: ['iss', 'aud'],
        requiredClaims: ['sub'],
      });
      claims = verified.payload;
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
}
