import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC, interactionPolicy } from 'oidc-provider';

import type { NcConnectPersona } from './nc-connect-persona.js';

/** Keycloak's `acr` without step-up levels: "1" after a typed password, "0" after single sign-on. */
export const KEYCLOAK_DEFAULT_ACR_VALUES = ['0', '1'] as const;

/** The parts of oidc-provider's request context the `acr` is computed from. */
interface AcrContext {
  session?: { accountId?: string; acr?: string };
  result?: { login?: unknown };
  params?: { acr_values?: unknown };
}

/** oidc-provider's interaction policy helpers, from the module the emulator loaded. */
export type InteractionPolicyModule = typeof interactionPolicy;

/** Splits an `acr_values` parameter (space-separated) into its values. */
function requestedValues(acrValues: unknown): string[] {
  return typeof acrValues === 'string' ? acrValues.split(' ').filter(Boolean) : [];
}

/**
 * The V3 emulator's `acr`, as a Keycloak realm computes it.
 *
 * Without levels (Keycloak's default realm): `"1"` when the user typed their password in this
 * authorization request, `"0"` when the single sign-on session was reused; `acr_values` changes
 * nothing. With levels (Keycloak's step-up authentication, an "ACR to LoA" mapping): the rank of a
 * level is its Level of Authentication. A login reaches the LOWEST level requested in `acr_values`
 * (Keycloak's `AuthorizationEndpoint` takes the minimum; unknown values count as the lowest), capped
 * at the persona's `maxAcr`; the session keeps the level reached. The `acr` answered is then, as
 * Keycloak's `AcrProtocolMapper` does it, the highest requested level the session's level meets,
 * else the session's level itself: a LOWER level than requested when the persona cannot reach it.
 */
export class KeycloakAcr {
  readonly levels: readonly string[] | undefined;
  private readonly personas: readonly NcConnectPersona[];

  constructor(levels: readonly string[] | undefined, personas: readonly NcConnectPersona[]) {
    this.levels = levels?.length ? [...levels] : undefined;
    this.personas = personas;
  }

  /** What discovery advertises as `acr_values_supported`. */
  get supported(): string[] {
    return [...(this.levels ?? KEYCLOAK_DEFAULT_ACR_VALUES)];
  }

  /**
   * The highest level `persona` can reach: its `maxAcr`, else by its `verified` level (0: the
   * lowest level, 2: the top one, 1: the middle one, rounded down).
   */
  maxAcrOf(persona: NcConnectPersona): string | undefined {
    const { levels } = this;
    if (!levels) return undefined;
    if (persona.maxAcr !== undefined) return persona.maxAcr;
    return levels[Math.floor((persona.verified * (levels.length - 1)) / 2)];
  }

  /** The level a password login reaches for `acr_values`; stored in the session as its `acr`. */
  atLogin(persona: NcConnectPersona, acrValues: unknown): string {
    const { levels } = this;
    if (!levels) return '1';
    const reachable = levels.indexOf(this.maxAcrOf(persona)!);
    return levels[Math.min(this.requestedRank(acrValues), reachable)];
  }

  /** The `acr` given to the service for the current authorization request. */
  forRequest(oidc: AcrContext): string | undefined {
    const { levels } = this;
    if (!oidc.session?.accountId) return oidc.session?.acr;
    if (!levels) return oidc.result?.login ? '1' : '0';
    const reached = Math.max(0, levels.indexOf(oidc.session.acr ?? ''));
    let answer = levels[reached];
    let best = -1;
    for (const value of requestedValues(oidc.params?.acr_values)) {
      const rank = levels.indexOf(value);
      if (rank > best && rank <= reached) [answer, best] = [value, rank];
    }
    return answer;
  }

  /**
   * Whether a live session must log in again because `acr_values` asks for a level above the
   * session's and the persona can reach more (Keycloak's step-up).
   */
  needsStepUp(oidc: AcrContext): boolean {
    const { levels } = this;
    const accountId = oidc.session?.accountId;
    if (!levels || !accountId) return false;
    const persona = this.personas.find((candidate) => candidate.login === accountId);
    if (!persona) return false;
    const reached = levels.indexOf(oidc.session?.acr ?? '');
    const reachable = levels.indexOf(this.maxAcrOf(persona)!);
    return this.requestedRank(oidc.params?.acr_values) > reached && reachable > reached;
  }

  /** The rank of the lowest level `acr_values` asks for; unknown values and no values: the lowest. */
  private requestedRank(acrValues: unknown): number {
    const ranks = requestedValues(acrValues).map((value) => Math.max(0, this.levels!.indexOf(value)));
    return ranks.length ? Math.min(...ranks) : 0;
  }

  /**
   * oidc-provider settings: `acrValues` (discovery's `acr_values_supported`, and the `acr` claim),
   * and the interaction policy's login prompt with the step-up check added.
   */
  configuration(policyModule: InteractionPolicyModule): Pick<Configuration, 'acrValues'> & {
    interactions: Pick<NonNullable<Configuration['interactions']>, 'policy'>;
  } {
    const policy = policyModule.base();
    policy
      .get('login')
      ?.checks.add(
        new policyModule.Check(
          'acr_step_up',
          'a higher level of authentication is requested',
          'login_required',
          (ctx: KoaContextWithOIDC) => this.needsStepUp(ctx.oidc as unknown as AcrContext),
        ),
      );
    return { acrValues: this.supported, interactions: { policy } };
  }

  /** Makes oidc-provider's `ctx.oidc.acr` (what codes and ID tokens carry) Keycloak's. */
  install(provider: Provider): void {
    const forRequest = (oidc: AcrContext) => this.forRequest(oidc);
    Object.defineProperty(provider.OIDCContext.prototype, 'acr', {
      configurable: true,
      get(this: AcrContext) {
        return forRequest(this);
      },
    });
  }
}
