import { describe, expect, it } from '@jest/globals';
import { normalizeUser } from './normalize-user.js';

const idToken = { iss: 'https://connect.gouv.nc', sub: 'ppid-123', aud: 'svc', nonce: 'n' };

describe('normalizeUser', () => {
  it('reads the V2 nested userinfo (login, info.openid.Email)', () => {
    const user = normalizeUser(idToken, {
      iss: 'https://connect.gouv.nc',
      sub: 'ppid-123',
      login: 'jean.dupont',
      info: { openid: { Email: 'jean.dupont@example.nc' } },
    });
    expect(user).toEqual({
      sub: 'ppid-123',
      login: 'jean.dupont',
      email: 'jean.dupont@example.nc',
      claims: {
        iss: 'https://connect.gouv.nc',
        sub: 'ppid-123',
        aud: 'svc',
        nonce: 'n',
        login: 'jean.dupont',
        info: { openid: { Email: 'jean.dupont@example.nc' } },
      },
    });
  });

  it('reads V3 flat standard claims', () => {
    const user = normalizeUser(idToken, {
      sub: 'ppid-123',
      preferred_username: 'jean.dupont',
      email: 'jean.dupont@example.nc',
      email_verified: true,
      given_name: 'Jean Pierre',
      first_name: 'Jean',
      family_name: 'Dupont',
      birthdate: '1980-04-12',
      gender: 'male',
      birthplace: '98818',
      verified: 2,
    });
    const { claims, ...fields } = user;
    expect(fields).toEqual({
      sub: 'ppid-123',
      login: 'jean.dupont',
      email: 'jean.dupont@example.nc',
      emailVerified: true,
      givenName: 'Jean Pierre',
      firstName: 'Jean',
      familyName: 'Dupont',
      birthdate: '1980-04-12',
      gender: 'male',
      birthplace: '98818',
      verified: 2,
    });
    expect(claims.preferred_username).toBe('jean.dupont');
  });

  it('leaves absent claims absent and ignores claims of the wrong type', () => {
    const user = normalizeUser(idToken, { sub: 'ppid-123', email: 42, verified: 7, email_verified: 'yes', info: 'x' });
    expect(Object.keys(user)).toEqual(['sub', 'claims']);
  });

  it('accepts string forms of booleans and levels (Keycloak mappers)', () => {
    const user = normalizeUser(idToken, { sub: 'ppid-123', email_verified: 'false', verified: '1' });
    expect(user.emailVerified).toBe(false);
    expect(user.verified).toBe(1);
  });

  it('prefers the flat e-mail to the nested one and keeps the ID token sub', () => {
    const user = normalizeUser(idToken, {
      sub: 'ppid-123',
      email: 'flat@example.nc',
      info: { openid: { Email: 'nested@example.nc' } },
    });
    expect(user.email).toBe('flat@example.nc');
    expect(user.claims.sub).toBe('ppid-123');
  });

  it('takes the claims about the authentication from the ID token only', () => {
    const user = normalizeUser(
      { ...idToken, sid: 'session-1' },
      { sub: 'ppid-123', iss: 'https://other.example', sid: 'forged', acr: 'high', given_name: 'Jean' },
    );
    expect(user.claims).toMatchObject({ iss: 'https://connect.gouv.nc', sid: 'session-1', aud: 'svc' });
    expect(user.claims.acr).toBeUndefined();
    expect(user.givenName).toBe('Jean');
  });

  it('works with the ID token alone (no userinfo endpoint)', () => {
    expect(normalizeUser({ ...idToken, email: 'a@b.nc' })).toMatchObject({ sub: 'ppid-123', email: 'a@b.nc' });
  });

  it('never carries a token', () => {
    const user = normalizeUser(idToken, { sub: 'ppid-123' });
    expect(JSON.stringify(user)).not.toMatch(/access_token|id_token|refresh_token/);
  });
});
