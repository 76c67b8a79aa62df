import type { NcConnectPersona } from './nc-connect-persona.js';
import type { FlavorProfile } from './flavor-profile.js';

/**
 * Every claim a persona can release on a platform; oidc-provider then keeps only those of the
 * granted scopes (see `FlavorProfile.scopeClaims`). `sub` is added by oidc-provider (pairwise).
 */
export function personaClaims(
  persona: NcConnectPersona,
  profile: FlavorProfile,
  issuer: string,
): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    preferred_username: persona.login,
    given_name: persona.given_name,
    family_name: persona.family_name,
    birthdate: persona.birthdate,
    gender: persona.gender,
    birthplace: persona.birthplace,
    email: persona.email,
    email_verified: persona.email_verified,
    verified: persona.verified,
  };
  if (profile.flavor === 'v3') {
    claims.first_name = persona.first_name;
  } else {
    claims.birthcountry = persona.birthcountry;
    // The 2021 page knows two levels only: 2 = verified identity, 1 = anything else.
    claims.verified = persona.verified === 2 ? 2 : 1;
    claims.iss = issuer;
    claims.login = persona.login;
    claims.info = { openid: persona.email === undefined ? {} : { Email: persona.email } };
  }
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
