import { SetMetadata } from '@nestjs/common';
import { requirementProblems, type NcConnectAssuranceRequirement } from '../assurance/assurance-requirement.js';
import { REQUIRE_ASSURANCE_KEY } from '../nc-connect.constants.js';

/**
 * Asks more of the logged-in user than a login, on a handler or a controller (both apply: the
 * stricter wins), checked by `NcConnectGuard` and `NcConnectBearerGuard` after authentication:
 * - `verified`: at least that identity level (`2`: verified digitally). Below it, a browser gets a
 *   French page (403) explaining how to have one's identity verified, an API client 403 JSON
 *   `NC_CONNECT_VERIFICATION_INSUFFICIENT`;
 * - `acr`: at least that level of `assurance.acrLevels`; `maxAge`: a login at NC Connect less than
 *   that many seconds old. A browser is sent to a new login (`prompt=login`, `acr_values`,
 *   `max_age`) and back; an API client gets 401 `NC_CONNECT_STEP_UP_REQUIRED` with an RFC 9470
 *   `WWW-Authenticate: Bearer error="insufficient_user_authentication"` challenge.
 * @throws Error at startup when the requirement is malformed
 * @example
 * @Post('bank-details')
 * @RequireAssurance({ verified: 2, maxAge: 300 })
 * updateBankDetails() {}
 */
export function RequireAssurance(requirement: NcConnectAssuranceRequirement): MethodDecorator & ClassDecorator {
  const problems = requirementProblems(requirement);
  if (problems.length > 0) throw new Error(`@RequireAssurance(): ${problems.join('; ')}.`);
  return SetMetadata(REQUIRE_ASSURANCE_KEY, Object.freeze({ ...requirement }));
}
