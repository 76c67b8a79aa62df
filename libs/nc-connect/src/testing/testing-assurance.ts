import { assuranceOf, type NcConnectAssurance } from '../assurance/nc-connect-assurance.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/**
 * The testing user's assurance: `verified`, `claims.acr` and `claims.auth_time` of an
 * `NcConnectUser`; a login "now" when it says no `auth_time`; nothing for an app's own user object.
 */
export function testingAssurance(user: object, now: number): NcConnectAssurance {
  const claims = (user as Partial<NcConnectUser>).claims;
  if (!claims) return { authTime: now };
  const assurance = assuranceOf(user as NcConnectUser);
  return { authTime: now, ...assurance };
}
