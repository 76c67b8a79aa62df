import type { NcConnectUser, NcConnectVerificationLevel } from '../user/nc-connect-user.js';

/**
 * How much a service can trust a login: kept in the session at login (and read from a bearer
 * token's claims), checked by the guards against `@RequireAssurance()`.
 */
export interface NcConnectAssurance {
  /** The `verified` claim: `0` not verified, `1` declared by the user, `2` verified digitally. */
  readonly verified?: NcConnectVerificationLevel;
  /** The ID token's (or access token's) `acr`, the level of the authentication. */
  readonly acr?: string;
  /** Epoch milliseconds when the user last authenticated at NC Connect (`auth_time`). */
  readonly authTime?: number;
}

/** The assurance of a normalised NC Connect user: `verified`, and `acr` and `auth_time` from its claims. */
export function assuranceOf(user: NcConnectUser): NcConnectAssurance {
  const { acr, auth_time: authTime } = user.claims;
  return {
    ...(user.verified !== undefined ? { verified: user.verified } : {}),
    ...(typeof acr === 'string' && acr !== '' ? { acr } : {}),
    ...(typeof authTime === 'number' && Number.isFinite(authTime) ? { authTime: authTime * 1000 } : {}),
  };
}
