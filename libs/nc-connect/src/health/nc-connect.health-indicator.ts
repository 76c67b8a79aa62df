import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { boundedFetch, ResponseTooLargeError } from '../provider/bounded-fetch.js';
import { failureKindOfStatus, type FailureKind } from '../provider/failure-kind.js';
import { NcConnectProviderStatus } from '../provider/provider-status.js';
import { NC_CONNECT_TESTING_OPTIONS, type NcConnectTestingOptions } from '../testing/nc-connect-testing-options.js';

/** Options of one {@link NcConnectHealthIndicator.check}. */
export interface NcConnectHealthCheckOptions {
  /** Milliseconds allowed to each of the two requests (discovery, then JWKS). @default 3000 */
  timeout?: number;
}

/** A health problem worth its own words (everything else is a network failure or a timeout). */
class Unhealthy extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind = 'outage',
  ) {
    super(message);
  }
}

/** Whether a failed check asks for a setting to be fixed or for NC Connect to come back. */
function kindOf(err: unknown): FailureKind {
  return err instanceof Unhealthy ? err.kind : 'outage';
}

/** A short reason for the details, naming `what` failed; never a body or a secret. */
function reason(what: string, err: unknown): string {
  if (err instanceof Unhealthy) return err.message;
  if (err instanceof ResponseTooLargeError) return `${what} answered more than 1 MB`;
  let current = err as { name?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++, current = current.cause as typeof current) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return `${what} did not answer in time`;
    if (typeof current.code === 'string' && /^E[A-Z]+$/.test(current.code)) {
      return `${what} is unreachable (${current.code})`;
    }
  }
  return `${what} is unreachable`;
}

/**
 * A `@nestjs/terminus` health indicator: is NC Connect reachable? It fetches the discovery document
 * (whose `issuer` must be the configured one) and then the JWKS it names (which must hold keys), on
 * every check, never from the library's caches. `up` details: `issuer`, `discovery`, `jwks` and
 * the number of `keys`; `down` details say which step failed and why, in one short phrase, and
 * `problem`: `configuration` when a setting is to be fixed (discovery naming another issuer or
 * answering 4xx: the issuer setting; NC Connect refusing this client at its token endpoint since the
 * last successful call: the client settings), `outage` when NC Connect is unreachable or failing.
 * Never a secret nor a provider's body.
 *
 * Add it to the providers of a module that imports `TerminusModule` and sees `NcConnectModule`
 * (the one importing it, or any when `isGlobal`). Under `NcConnectTestingModule` it checks nothing
 * and reports `up` with `testing: true`, so that an app's tests need no provider.
 *
 * @example
 * ```ts
 * @Get('health')
 * @Public()
 * @HealthCheck()
 * check() {
 *   return this.health.check([() => this.ncConnect.check('nc-connect')]);
 * }
 * ```
 */
@Injectable()
export class NcConnectHealthIndicator {
  private readonly fetch = boundedFetch();

  private readonly config: NcConnectConfig;

  constructor(
    private readonly health: HealthIndicatorService,
    @Optional() @Inject(NC_CONNECT_CONFIG) config?: NcConnectConfig,
    @Optional() private readonly status?: NcConnectProviderStatus,
    @Optional() @Inject(NC_CONNECT_TESTING_OPTIONS) private readonly testing?: NcConnectTestingOptions,
  ) {
    if (!config && !testing) {
      throw new Error(
        'NcConnectHealthIndicator needs NcConnectModule: provide the indicator in the module that imports ' +
          'NcConnectModule, or register NcConnectModule with isGlobal: true (NcConnectTestingModule in tests)',
      );
    }
    this.config = config as NcConnectConfig;
  }

  /** Checks discovery and the JWKS now; the result is keyed by `key`. */
  async check<const Key extends string>(
    key: Key,
    options: NcConnectHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    if (this.testing) return indicator.up({ testing: true });
    const timeout = options.timeout ?? 3000;
    const issuer = this.config.issuer;
    let jwksUri: string;
    try {
      jwksUri = await this.discover(timeout);
    } catch (err) {
      const error = reason('discovery', err);
      return indicator.down({ issuer, discovery: 'down', jwks: 'unchecked', problem: kindOf(err), error });
    }
    let keys: number;
    try {
      keys = await this.countKeys(jwksUri, timeout);
    } catch (err) {
      return indicator.down({
        issuer,
        discovery: 'up',
        jwks: 'down',
        problem: 'outage',
        error: reason('the JWKS', err),
      });
    }
    const refused = this.status?.configurationProblems().find((problem) => problem.check === 'client authentication');
    if (refused) {
      const error = `${refused.detail}; since ${refused.since.toISOString()}`;
      return indicator.down({ issuer, discovery: 'up', jwks: 'up', keys, problem: 'configuration', error });
    }
    return indicator.up({ issuer, discovery: 'up', jwks: 'up', keys });
  }

  /** The `jwks_uri` of a valid discovery document. */
  private async discover(timeout: number): Promise<string> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const document = await this.getJson(url, 'discovery', timeout, 'check the issuer setting (its realm path)');
    if (document.issuer !== this.config.issuer) {
      const found = JSON.stringify(String(document.issuer).slice(0, 200));
      throw new Unhealthy(`discovery names another issuer (${found}): check the issuer setting`, 'configuration');
    }
    if (typeof document.jwks_uri !== 'string') throw new Unhealthy('discovery names no jwks_uri');
    return document.jwks_uri;
  }

  private async countKeys(jwksUri: string, timeout: number): Promise<number> {
    const { keys } = await this.getJson(jwksUri, 'the JWKS', timeout);
    if (!Array.isArray(keys) || keys.length === 0) throw new Unhealthy('the JWKS holds no keys');
    return keys.length;
  }

  /** `url`'s JSON object; a 4xx is a configuration error when `fix` says what to check. */
  private async getJson(url: string, what: string, timeout: number, fix?: string): Promise<Record<string, unknown>> {
    const response = await this.fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      const kind = fix ? failureKindOfStatus(response.status) : 'outage';
      const advice = kind === 'configuration' ? `: ${fix}` : '';
      throw new Unhealthy(`${what} answered HTTP ${response.status}${advice}`, kind);
    }
    try {
      const body: unknown = await response.json();
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // not JSON: reported below, without the body
    }
    throw new Unhealthy(`${what} did not answer JSON`);
  }
}
