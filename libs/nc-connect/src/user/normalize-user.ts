import type { NcConnectUser, NcConnectVerificationLevel } from './nc-connect-user.js';

type Claims = Record<string, unknown>;

/** Claims about the authentication itself: only the (validated) ID token may set them. */
const ID_TOKEN_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'azp',
  'exp',
  'iat',
  'nbf',
  'nonce',
  'auth_time',
  'acr',
  'amr',
  'sid',
  'at_hash',
  'c_hash',
];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  // Some Keycloak mappers emit booleans as strings.
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function level(value: unknown): NcConnectVerificationLevel | undefined {
  const n = typeof value === 'string' && /^[0-2]$/.test(value) ? Number(value) : value;
  return n === 0 || n === 1 || n === 2 ? n : undefined;
}

function isObject(value: unknown): value is Claims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** V2's nested e-mail: `info.openid.Email` (the French integration page). */
function nestedEmail(claims: Claims): string | undefined {
  const info = claims.info;
  if (!isObject(info) || !isObject(info.openid)) return undefined;
  return text(info.openid.Email);
}

/**
 * Builds the {@link NcConnectUser} from the validated ID-token claims and the userinfo claims,
 * reading both NC Connect shapes. Identity claims from userinfo win (they are the fuller set);
 * claims about the authentication (`iss`, `sub`, `aud`, `sid`, `acr`…) come from the ID token only.
 *
 * @example normalizeUser({ sub: 'abc' }, { sub: 'abc', login: 'jean.dupont', info: { openid: { Email: 'j@x.nc' } } })
 */
export function normalizeUser(idTokenClaims: Claims, userinfo: Claims = {}): NcConnectUser {
  const claims: Claims = { ...idTokenClaims, ...userinfo };
  for (const name of ID_TOKEN_CLAIMS) {
    if (name in idTokenClaims) claims[name] = idTokenClaims[name];
    else delete claims[name];
  }
  const user = { sub: String(idTokenClaims.sub) } as NcConnectUser;
  const fields: Partial<NcConnectUser> = {
    login: text(claims.login) ?? text(claims.preferred_username),
    email: text(claims.email) ?? nestedEmail(claims),
    emailVerified: flag(claims.email_verified),
    givenName: text(claims.given_name),
    firstName: text(claims.first_name),
    familyName: text(claims.family_name),
    birthdate: text(claims.birthdate),
    gender: text(claims.gender),
    birthplace: text(claims.birthplace),
    birthcountry: text(claims.birthcountry),
    verified: level(claims.verified),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(user, { [key]: value });
  }
  user.claims = Object.freeze(claims);
  return user;
}
