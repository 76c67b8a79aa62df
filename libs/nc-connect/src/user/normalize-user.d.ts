import type { NcConnectUser } from './nc-connect-user.js';
type Claims = Record<string, unknown>;
/**
 * Builds the {@link NcConnectUser} from the validated ID-token claims and the userinfo claims,
 * reading both NC Connect shapes. The `sub` always comes from the ID token.
 *
 * @example normalizeUser({ sub: 'abc' }, { sub: 'abc', login: 'jean.dupont', info: { openid: { Email: 'j@x.nc' } } })
 */
export declare function normalizeUser(idTokenClaims: Claims, userinfo?: Claims): NcConnectUser;
export {};
