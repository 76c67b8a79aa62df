import type { NcConnectVerificationLevel } from '../user/nc-connect-user.js';

/** What `@RequireAssurance()` asks of the logged-in user; every field given must be met. */
export interface NcConnectAssuranceRequirement {
  /** At least this `verified` level (`2`: identity verified digitally). A new login cannot raise it. */
  verified?: NcConnectVerificationLevel;
  /** At least this `acr` level, by the order of the `assurance.acrLevels` option. */
  acr?: string;
  /** At most this many seconds since the user last authenticated at NC Connect (`auth_time`). */
  maxAge?: number;
}

/** What a login lacks to meet a requirement; `undefined` fields are met. */
export interface AssuranceShortfall {
  /** The `verified` level needed, when the user's is lower. */
  readonly verified?: NcConnectVerificationLevel;
  /** The `acr` level needed, when the login's is lower or unknown. */
  readonly acr?: string;
  /** The `max_age` needed, when the login is older or its time unknown. */
  readonly maxAge?: number;
}

/** Checks a requirement as written by hand; `@RequireAssurance()` throws at startup on a bad one. */
export function requirementProblems(requirement: NcConnectAssuranceRequirement): string[] {
  const problems: string[] = [];
  const { verified, acr, maxAge } = requirement;
  if (verified !== undefined && verified !== 0 && verified !== 1 && verified !== 2) {
    problems.push('verified must be 0, 1 or 2');
  }
  if (acr !== undefined && (typeof acr !== 'string' || !/^[\x21-\x7e]+$/.test(acr))) {
    problems.push('acr must be a non-empty string without spaces');
  }
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge < 0)) {
    problems.push('maxAge must be a whole number of seconds, 0 or more');
  }
  if (verified === undefined && acr === undefined && maxAge === undefined) {
    problems.push('give at least one of verified, acr and maxAge');
  }
  return problems;
}
