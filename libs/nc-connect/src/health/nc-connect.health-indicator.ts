import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { boundedFetch, ResponseTooLargeError } from '../provider/bounded-fetch.js';

/** Options of one {@link NcConnectHealthIndicator.check}. */
export interface NcConnectHealthCheckOptions {
  /** Milliseconds allowed to each of the two requests (discovery, then JWKS). @default 3000 */
  timeout?: number;
}

/** A health problem worth its own words (everything else is a network failure or a timeout). */
class Unhealthy extends Error {}

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
 * the number of `keys`; `down` details say which step failed and why, in one short phrase. Never a
 * secret nor a provider's body.
 *
 * Add it to the providers of a module that imports `TerminusModule` and sees `NcConnectModule`
 * (the one importing it, or any when `isGlobal`).
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

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
  ) {}

  /** Checks discovery and the JWKS now; the result is keyed by `key`. */
  async check<const Key extends string>(
    key: Key,
    options: NcConnectHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const timeout = options.timeout ?? 3000;
    const issuer = this.config.issuer;
    let jwksUri: string;
    try {
      jwksUri = await this.discover(timeout);
    } catch (err) {
      return indicator.down({ issuer, discovery: 'down', jwks: 'unchecked', error: reason('discovery', err) });
    }
    try {
      const keys = await this.countKeys(jwksUri, timeout);
      return indicator.up({ issuer, discovery: 'up', jwks: 'up', keys });
    } catch (err) {
      return indicator.down({ issuer, discovery: 'up', jwks: 'down', error: reason('the JWKS', err) });
    }
  }

  /** The `jwks_uri` of a valid discovery document. */
  private async discover(timeout: number): Promise<string> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const document = await this.getJson(url, 'discovery', timeout);
    if (document.issuer !== this.config.issuer) throw new Unhealthy('discovery names another issuer');
    if (typeof document.jwks_uri !== 'string') throw new Unhealthy('discovery names no jwks_uri');
    return document.jwks_uri;
  }

  private async countKeys(jwksUri: string, timeout: number): Promise<number> {
    const { keys } = await this.getJson(jwksUri, 'the JWKS', timeout);
    if (!Array.isArray(keys) || keys.length === 0) throw new Unhealthy('the JWKS holds no keys');
    return keys.length;
  }

  private async getJson(url: string, what: string, timeout: number): Promise<Record<string, unknown>> {
    const response = await this.fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    if (response.status !== 200) throw new Unhealthy(`${what} answered HTTP ${response.status}`);
    try {
      const body: unknown = await response.json();
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // not JSON: reported below, without the body
    }
    throw new Unhealthy(`${what} did not answer JSON`);
  }
}
