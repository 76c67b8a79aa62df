import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectConfigurationError } from '../errors/nc-connect-configuration-error.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG, REQUIRE_ASSURANCE_KEY } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import type { AssuranceShortfall, NcConnectAssuranceRequirement } from './assurance-requirement.js';
import type { NcConnectAssurance } from './nc-connect-assurance.js';
import { assurancePageStatus, renderAssurancePage, type AssuranceRefusal } from './assurance-page.js';

/** What a step-up login asked NC Connect for, kept in the login transaction and checked at the callback. */
export interface StepUpRequest {
  readonly acr?: string;
  readonly maxAge?: number;
}

/**
 * The rules of `@RequireAssurance()` for one instance: which requirement a route has, what a login
 * lacks to meet it (by the order of `assurance.acrLevels`), whether NC Connect offers an `acr`
 * level, and whether a step-up login brought back what it asked for. @internal
 */
@Injectable()
export class NcConnectAssurancePolicy {
  private readonly levels: readonly string[];
  private readonly toleranceMs: number;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly client: NcConnectClient,
  ) {
    this.levels = config.assurance.acrLevels;
    this.toleranceMs = config.clockTolerance * 1000;
  }

  /**
   * The requirement of a route: its handler's and its controller's, the stricter of each field.
   * One metadata read; `undefined` (the usual case) when neither has `@RequireAssurance()`.
   */
  requirementOf(reflector: Reflector, context: ExecutionContext): NcConnectAssuranceRequirement | undefined {
    const [own, inherited] = reflector.getAll<(NcConnectAssuranceRequirement | undefined)[]>(REQUIRE_ASSURANCE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!own || !inherited) return own ?? inherited;
    const pick = <T>(a: T | undefined, b: T | undefined, stricter: (x: T, y: T) => T) =>
      a === undefined ? b : b === undefined ? a : stricter(a, b);
    return {
      verified: pick(own.verified, inherited.verified, (x, y) => (x > y ? x : y)),
      acr: pick(own.acr, inherited.acr, (x, y) => (this.rank(x) >= this.rank(y) ? x : y)),
      maxAge: pick(own.maxAge, inherited.maxAge, Math.min),
    };
  }

  /** What `assurance` lacks to meet `requirement`, or `undefined` when it meets it. */
  shortfall(
    requirement: NcConnectAssuranceRequirement,
    assurance: NcConnectAssurance,
    now = Date.now(),
  ): AssuranceShortfall | undefined {
    const { verified, acr, maxAge } = requirement;
    const lacks = {
      verified: verified !== undefined && (assurance.verified ?? 0) < verified ? verified : undefined,
      acr: acr !== undefined && !this.meetsAcr(assurance.acr, acr) ? acr : undefined,
      maxAge: maxAge !== undefined && !this.recent(assurance.authTime, maxAge, now) ? maxAge : undefined,
    };
    return lacks.verified === undefined && lacks.acr === undefined && lacks.maxAge === undefined ? undefined : lacks;
  }

  /** True when NC Connect's discovery document lists `acr` in `acr_values_supported`. */
  async offersAcr(acr: string): Promise<boolean> {
    const supported = (await this.client.discover()).config.serverMetadata().acr_values_supported;
    return Array.isArray(supported) && supported.includes(acr);
  }

  /** True when `acr` is one of `assurance.acrLevels` (a step-up login may ask for it). */
  knowsAcr(acr: string): boolean {
    return this.levels.includes(acr);
  }

  /**
   * Checks what a step-up login brought back against what it asked for: an `acr` at least the one
   * requested, an `auth_time` within `max_age`.
   * @throws NcConnectError `NC_CONNECT_ASSURANCE_INSUFFICIENT` (403)
   */
  checkLogin(requested: StepUpRequest, assurance: NcConnectAssurance, now = Date.now()): void {
    if (requested.acr !== undefined && !this.meetsAcr(assurance.acr, requested.acr)) {
      throw new NcConnectError(
        Code.ASSURANCE_INSUFFICIENT,
        `NC Connect answered a lower authentication level than the one requested (${requested.acr}).`,
      );
    }
    if (requested.maxAge !== undefined && !this.recent(assurance.authTime, requested.maxAge, now)) {
      throw new NcConnectError(
        Code.ASSURANCE_INSUFFICIENT,
        `NC Connect answered with an authentication older than the ${requested.maxAge} seconds requested.`,
      );
    }
  }

  /** The French page (403, 401 for a new login) of a refusal: the app's `errorPage` when it has one, else the library's. */
  refusalPage(refusal: AssuranceRefusal, message: string, loginUrl: string | undefined): string {
    const status = assurancePageStatus(refusal);
    try {
      if (this.config.errorPage)
        return this.config.errorPage({ statusCode: status, code: refusal.code, message, status, loginUrl });
    } catch {
      // The app's page failed: the library's own is shown, as on the library's routes.
    }
    return renderAssurancePage(refusal, loginUrl);
  }

  private meetsAcr(actual: string | undefined, needed: string): boolean {
    return actual !== undefined && this.levels.includes(actual) && this.rank(actual) >= this.rank(needed);
  }

  private recent(authTime: number | undefined, maxAge: number, now: number): boolean {
    return authTime !== undefined && now - authTime <= maxAge * 1000 + this.toleranceMs;
  }

  /** The place of `acr` in `assurance.acrLevels`. @throws NcConnectConfigurationError when it is not there */
  private rank(acr: string): number {
    const rank = this.levels.indexOf(acr);
    if (rank >= 0) return rank;
    throw new NcConnectConfigurationError(
      `@RequireAssurance({ acr: '${acr}' }) names an acr value that the assurance.acrLevels option does not list.`,
    );
  }
}

/**
 * The route's requirement through `policy`; without one (a guard subclass whose constructor does
 * not pass it on), a route with `@RequireAssurance()` fails instead of being let through.
 */
export function routeRequirement(
  reflector: Reflector,
  context: ExecutionContext,
  policy: NcConnectAssurancePolicy | undefined,
): NcConnectAssuranceRequirement | undefined {
  if (policy) return policy.requirementOf(reflector, context);
  if (reflector.getAll(REQUIRE_ASSURANCE_KEY, [context.getHandler(), context.getClass()]).some(Boolean)) {
    throw new Error(
      '@RequireAssurance() needs the guard to have NcConnectAssurancePolicy: a guard subclass with its own constructor must pass it to super().',
    );
  }
  return undefined;
}
