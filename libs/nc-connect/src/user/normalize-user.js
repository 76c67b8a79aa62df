function text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function flag(value) {
    if (typeof value === 'boolean')
        return value;
    // Some Keycloak mappers emit booleans as strings.
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    return undefined;
}
function level(value) {
    const n = typeof value === 'string' && /^[0-2]$/.test(value) ? Number(value) : value;
    return n === 0 || n === 1 || n === 2 ? n : undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** V2's nested e-mail: `info.openid.Email` (the French integration page). */
function nestedEmail(claims) {
    const info = claims.info;
    if (!isObject(info) || !isObject(info.openid))
        return undefined;
    return text(info.openid.Email);
}
/**
 * Builds the {@link NcConnectUser} from the validated ID-token claims and the userinfo claims,
 * reading both NC Connect shapes. The `sub` always comes from the ID token.
 *
 * @example normalizeUser({ sub: 'abc' }, { sub: 'abc', login: 'jean.dupont', info: { openid: { Email: 'j@x.nc' } } })
 */
export function normalizeUser(idTokenClaims, userinfo = {}) {
    const claims = { ...idTokenClaims, ...userinfo, sub: idTokenClaims.sub };
    const user = { sub: String(idTokenClaims.sub) };
    const fields = {
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
        if (value !== undefined)
            Object.assign(user, { [key]: value });
    }
    user.claims = Object.freeze(claims);
    return user;
}
//# sourceMappingURL=normalize-user.js.map