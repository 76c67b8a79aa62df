import { Logger } from '@nestjs/common';
import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectError } from '../errors/nc-connect-error.js';
import type { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { ProviderEndpoints } from '../telemetry/provider-endpoints.js';
import { tracedProviderFetch } from '../telemetry/provider-fetch.js';
import { boundedFetch } from './bounded-fetch.js';
import { clientAuthentication } from './client-authentication.js';
import { describeFailure } from './describe-failure.js';
import { discoveryFailure } from './discovery-failure.js';
import { ProviderJwtVerifier } from './provider-jwt.js';
import type { NcConnectProviderStatus } from './provider-status.js';

/** NC Connect as discovered: openid-client's configuration and what JWTs are checked with. */
export interface DiscoveredProvider {
  readonly config: client.Configuration;
  /** The issuer, as the discovery document names it (openid-client requires it to be the configured one). */
  readonly issuer: string;
  readonly jwt: ProviderJwtVerifier;
  readonly idTokenAlgorithms: readonly string[];
  readonly userinfoAlgorithms: readonly string[];
}

/**
 * Discovery of one NC Connect issuer: done once and kept; concurrent callers share one request; a
 * failure is not kept, so the next call tries again. A configuration error (a wrong issuer or realm
 * path) is logged at error level and reported to the provider status; an outage is a warning.
 */
export class ProviderDiscovery {
  private readonly logger = new Logger('NcConnect');
  private provider?: DiscoveredProvider;
  private pending?: Promise<DiscoveredProvider>;

  constructor(
    private readonly options: NcConnectConfig,
    private readonly status: NcConnectProviderStatus,
    private readonly telemetry: NcConnectTelemetry,
  ) {}

  /**
   * The discovered provider.
   * @throws NcConnectError `NC_CONNECT_ISSUER_MISCONFIGURED`, `NC_CONNECT_PROVIDER_UNAVAILABLE` or
   * `NC_CONNECT_PROVIDER_ERROR`
   */
  discover(): Promise<DiscoveredProvider> {
    if (this.provider) return Promise.resolve(this.provider);
    this.pending ??= this.load().then(
      (provider) => {
        this.provider = provider;
        this.pending = undefined;
        this.status.succeeded('discovery');
        return provider;
      },
      (err: unknown) => {
        this.pending = undefined;
        throw this.failed(err);
      },
    );
    return this.pending;
  }

  private failed(err: unknown): NcConnectError {
    const { error, kind } = discoveryFailure(err, this.options.issuer);
    const what = `${error.code}: discovery of ${this.options.issuer} failed: ${describeFailure(error.cause)}`;
    if (kind === 'configuration') {
      this.status.failed('discovery', describeFailure(error.cause));
      this.logger.error(`${what} (a configuration error: retrying will not help until the setting is fixed)`);
    } else {
      this.logger.warn(`${what} (NC Connect unreachable or failing: the next request tries again)`);
    }
    return error;
  }

  private async load(): Promise<DiscoveredProvider> {
    const o = this.options;
    const metadata = o.idTokenSignedResponseAlg
      ? { id_token_signed_response_alg: o.idTokenSignedResponseAlg }
      : undefined;
    const endpoints = new ProviderEndpoints();
    const fetchWithLimit = tracedProviderFetch(boundedFetch(), this.telemetry, endpoints);
    const config = await client.discovery(new URL(o.issuer), o.clientId, metadata, clientAuthentication(o), {
      timeout: o.httpTimeout / 1000,
      execute: o.allowInsecureRequests ? [client.allowInsecureRequests] : [],
      [client.customFetch]: fetchWithLimit,
    });
    const server = config.serverMetadata();
    endpoints.learn(server);
    const jwt = new ProviderJwtVerifier({
      issuer: server.issuer,
      jwksUri: server.jwks_uri,
      clientSecret: o.clientSecret,
      httpTimeout: o.httpTimeout,
      clockTolerance: o.clockTolerance,
      fetch: fetchWithLimit,
    });
    this.logger.log(`discovered ${server.issuer}`);
    return {
      config,
      issuer: server.issuer,
      jwt,
      // OpenID Connect's default is RS256 when the provider advertises nothing.
      idTokenAlgorithms: o.idTokenSignedResponseAlg
        ? [o.idTokenSignedResponseAlg]
        : (server.id_token_signing_alg_values_supported ?? ['RS256']),
      userinfoAlgorithms: server.userinfo_signing_alg_values_supported ?? ['RS256'],
    };
  }
}
