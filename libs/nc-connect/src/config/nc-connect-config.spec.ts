import { MemorySessionStore } from '../session/memory-session.store.js';
import { describe, expect, it } from '@jest/globals';
import { NcConnectError } from '../errors/nc-connect-error.js';
import type { NcConnectModuleOptions } from './nc-connect-options.interface.js';
import { createNcConnectConfig, findOptionProblems } from './nc-connect-config.js';

const valid: NcConnectModuleOptions = {
  issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
  clientId: 'my-service',
  clientSecret: 's3cret',
  redirectUri: 'https://service.gouv.nc/auth/callback',
  session: { secret: 'x'.repeat(32) },
};

function problems(overrides: Partial<NcConnectModuleOptions>, env: NodeJS.ProcessEnv = {}): string[] {
  return findOptionProblems({ ...valid, ...overrides }, env).map((p) => `${p.option}: ${p.message}`);
}

describe('NcConnect options', () => {
  it('accepts valid options and fills every default', () => {
    const config = createNcConnectConfig(valid, {});
    expect(config).toMatchObject({
      scope: 'openid profile email',
      tokenEndpointAuthMethod: 'client_secret_basic',
      clockTolerance: 30,
      httpTimeout: 10_000,
      loginTimeout: 600,
      allowInsecureRequests: false,
      session: {
        cookieName: '__Host-nc_connect.sid',
        secure: true,
        maxAge: 28_800,
        maxSessions: 10_000,
        generatedSecret: false,
      },
      bearer: { audiences: ['my-service'], cacheTtl: 60, opaqueTokens: 'introspection' },
      assurance: { acrLevels: [] },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.session)).toBe(true);
  });

  it('reports every problem at once, one per line, naming each option', () => {
    expect(() => createNcConnectConfig({} as NcConnectModuleOptions, {})).toThrow(
      new NcConnectError(
        'NC_CONNECT_CONFIG_INVALID',
        'NcConnect options are invalid:\n- issuer: required\n- clientId: required\n- clientSecret: required\n- redirectUri: required',
      ),
    );
  });

  it.each([
    ['issuer', { issuer: 'connect.gouv.nc' }, 'issuer: must be an absolute URL, got "connect.gouv.nc"'],
    [
      'http issuer',
      { issuer: 'http://connect.gouv.nc' },
      'issuer: must use https (plain http is accepted only on localhost, 127.0.0.1 and [::1])',
    ],
    ['issuer scheme', { issuer: 'ftp://connect.gouv.nc' }, 'issuer: must be an https URL'],
    ['issuer query', { issuer: 'https://connect.gouv.nc/?x=1' }, 'issuer: must not contain a query string'],
    ['issuer fragment', { issuer: 'https://connect.gouv.nc/#x' }, 'issuer: must not contain a fragment (#)'],
    ['issuer credentials', { issuer: 'https://u:p@connect.gouv.nc' }, 'issuer: must not contain credentials'],
    ['clientId spaces', { clientId: ' id ' }, 'clientId: must be a string without surrounding spaces'],
    [
      'redirectUri http',
      { redirectUri: 'http://service.gouv.nc/cb' },
      'redirectUri: must use https (plain http is accepted only on localhost, 127.0.0.1 and [::1])',
    ],
    [
      'redirectUri query',
      { redirectUri: 'https://service.gouv.nc/cb?x=1' },
      'redirectUri: must not contain a query string',
    ],
    [
      'postLogoutRedirectUri',
      { postLogoutRedirectUri: 'nowhere' },
      'postLogoutRedirectUri: must be an absolute URL, got "nowhere"',
    ],
    ['scope', { scope: 'profile email' }, 'scope: must be a space-separated list of scopes that includes "openid"'],
    [
      'auth method',
      { tokenEndpointAuthMethod: 'none' as never },
      'tokenEndpointAuthMethod: must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt',
    ],
    ['clockTolerance', { clockTolerance: -1 }, 'clockTolerance: must be a whole number of seconds between 0 and 300'],
    [
      'fractional httpTimeout',
      { httpTimeout: 2500.5 },
      'httpTimeout: must be a whole number of milliseconds between 100 and 120000',
    ],
    [
      'idTokenSignedResponseAlg',
      { idTokenSignedResponseAlg: 'none' },
      'idTokenSignedResponseAlg: must be one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519, HS256, HS384, HS512',
    ],
    ['httpTimeout', { httpTimeout: 50 }, 'httpTimeout: must be a whole number of milliseconds between 100 and 120000'],
    ['loginTimeout', { loginTimeout: 5 }, 'loginTimeout: must be a whole number of seconds between 30 and 3600'],
    ['validateUser', { validateUser: 'yes' as never }, 'validateUser: must be a function'],
    ['errorPage', { errorPage: '<html>' as never }, 'errorPage: must be a function returning HTML'],
    [
      'empty bearer.audiences',
      { bearer: { audiences: [] } },
      'bearer.audiences: must be a non-empty list of client IDs',
    ],
    [
      'bearer.audiences entry',
      { bearer: { audiences: ['spa', ''] } },
      'bearer.audiences: must be a non-empty list of client IDs',
    ],
    [
      'bearer.cacheTtl',
      { bearer: { cacheTtl: 7200 } },
      'bearer.cacheTtl: must be a whole number of seconds between 0 and 3600',
    ],
    [
      'bearer.opaqueTokens',
      { bearer: { opaqueTokens: 'jwt' as 'userinfo' } },
      "bearer.opaqueTokens: must be one of 'introspection', 'userinfo'",
    ],
    [
      'assurance.acrLevels with a duplicate',
      { assurance: { acrLevels: ['eidas1', 'eidas2', 'eidas1'] } },
      'assurance.acrLevels: must be a list of distinct acr values without spaces, weakest first',
    ],
    [
      'assurance.acrLevels entry',
      { assurance: { acrLevels: ['eidas 1'] } },
      'assurance.acrLevels: must be a list of distinct acr values without spaces, weakest first',
    ],
    [
      'short secret',
      { session: { secret: 'short' } },
      'session.secret: must be a string of at least 32 characters (or a list of them)',
    ],
    [
      'cookie name',
      { session: { secret: 'x'.repeat(32), cookieName: 'bad name' } },
      "session.cookieName: must be a valid cookie name (letters, digits and !#$%&'*+-.^_`|~)",
    ],
    [
      'maxAge',
      { session: { secret: 'x'.repeat(32), maxAge: 10 } },
      'session.maxAge: must be a whole number of seconds between 60 and 2592000',
    ],
    [
      'maxSessions',
      { session: { secret: 'x'.repeat(32), maxSessions: 0 } },
      'session.maxSessions: must be a whole number of sessions between 1 and 10000000',
    ],
    [
      'store',
      { session: { secret: 'x'.repeat(32), store: {} as never } },
      'session.store: must be an NcConnectSessionStore (with create, get, touch, update, destroy, find)',
    ],
    [
      'maxSessionsPerUser',
      { session: { secret: 'x'.repeat(32), maxSessionsPerUser: 0 } },
      'session.maxSessionsPerUser: must be a whole number of sessions between 1 and 1000',
    ],
    [
      'store beside redis',
      { redis: 'redis://127.0.0.1:6379', session: { secret: 'x'.repeat(32), store: new MemorySessionStore(10) } },
      'session.store: cannot be given with redis (which makes the Redis session store); give one of them',
    ],
  ])('rejects a bad %s', (_rule, overrides, message) => {
    expect(problems(overrides)).toEqual([message]);
  });

  it('accepts plain http on loopback hosts only, and then allows insecure requests', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', '127.1.2.3']) {
      const config = createNcConnectConfig(
        {
          ...valid,
          issuer: `http://${host}:4000/v3/realms/nc-connect`,
          redirectUri: `http://${host}:3000/auth/callback`,
        },
        {},
      );
      expect(config.allowInsecureRequests).toBe(true);
      expect(config.session.secure).toBe(false);
      expect(config.session.cookieName).toBe('nc_connect.sid');
    }
    expect(problems({ issuer: 'http://localhost.evil.example' })).toHaveLength(1);
  });

  it('requires a session secret in production and generates one elsewhere', () => {
    const options = { ...valid, session: {} };
    expect(findOptionProblems(options, { NODE_ENV: 'production' })).toEqual([
      { option: 'session.secret', message: 'required when NODE_ENV=production' },
    ]);
    const config = createNcConnectConfig(options, {});
    expect(config.session.generatedSecret).toBe(true);
    expect(config.session.secrets[0]).toHaveLength(43);
  });

  it('refuses a __Host- cookie name without secure cookies (cross-field)', () => {
    expect(
      problems({
        redirectUri: 'http://localhost:3000/auth/callback',
        session: { secret: 'x'.repeat(32), cookieName: '__Host-sid' },
      }),
    ).toEqual(['session.cookieName: a __Host- or __Secure- name needs secure cookies (an https redirectUri)']);
  });

  it('refuses secure cookies with an http redirect URI (cross-field)', () => {
    expect(
      problems({
        redirectUri: 'http://localhost:3000/auth/callback',
        session: { secret: 'x'.repeat(32), secure: true },
      }),
    ).toEqual(['session.secure: true needs an https redirectUri (browsers drop secure cookies over http)']);
  });
});
