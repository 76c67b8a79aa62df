import type { NcConnectFlavor } from './emulator-options.js';

/** What differs between the two NC Connect platforms, as far as the emulator is concerned. */
export interface FlavorProfile {
  readonly flavor: NcConnectFlavor;
  /** Shown on the login page. */
  readonly label: string;
  /** Path of the issuer under the origin ('' for V2); oidc-provider is mounted there. */
  readonly issuerPath: string;
  /** oidc-provider route paths, relative to the issuer path (PAR and revocation: V3 only). */
  readonly routes: Readonly<
    Record<'authorization' | 'token' | 'userinfo' | 'end_session' | 'jwks' | 'introspection', string> &
      Partial<Record<'pushed_authorization_request' | 'revocation', string>>
  >;
  /** Login page path, relative to the issuer path; the interaction uid is appended. */
  readonly loginPath: string;
  /** Claims released for each scope. */
  readonly scopeClaims: Readonly<Record<string, readonly string[]>>;
  /** Keycloak issues a refresh token on every code exchange; V2 never does. */
  readonly refreshTokens: boolean;
  /** Keycloak copies the scope claims into the ID token; V2's ID token carries `sub` only. */
  readonly scopeClaimsInIdToken: boolean;
  readonly accessTokenTtl: number;
  readonly sessionTtl: number;
}

const HOUR = 60 * 60;

const V3: FlavorProfile = {
  flavor: 'v3',
  label: 'plateforme V3',
  issuerPath: '/v3/realms/nc-connect',
  routes: {
    authorization: '/protocol/openid-connect/auth',
    token: '/protocol/openid-connect/token',
    userinfo: '/protocol/openid-connect/userinfo',
    end_session: '/protocol/openid-connect/logout',
    jwks: '/protocol/openid-connect/certs',
    introspection: '/protocol/openid-connect/token/introspect',
    pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
    revocation: '/protocol/openid-connect/revoke',
  },
  loginPath: '/login-actions/authenticate',
  scopeClaims: {
    openid: ['sub'],
    profile: ['given_name', 'family_name', 'first_name', 'preferred_username', 'birthdate', 'gender', 'verified'],
    email: ['email', 'email_verified'],
    birth: ['birthplace'],
    identite_pivot: [
      'given_name',
      'family_name',
      'preferred_username',
      'gender',
      'birthplace',
      'birthdate',
      'verified',
    ],
  },
  refreshTokens: true,
  scopeClaimsInIdToken: true,
  accessTokenTtl: 30 * 60,
  sessionTtl: 10 * HOUR,
};

const V2: FlavorProfile = {
  flavor: 'v2',
  label: 'plateforme V2',
  issuerPath: '',
  routes: {
    authorization: '/v2/oauth/authorize',
    token: '/v2/token',
    userinfo: '/v2/userinfo',
    end_session: '/v2/logout',
    jwks: '/v2/jwks',
    // Nothing public says whether or where V2 offers introspection: the emulator's choice.
    introspection: '/v2/introspect',
  },
  loginPath: '/v2/login',
  scopeClaims: {
    // The French integration page's nested body: {"iss", "sub", "login", "info": {"openid": {"Email"}}}.
    openid: ['iss', 'sub', 'login', 'info'],
    profile: ['given_name', 'family_name', 'preferred_username', 'birthdate', 'gender', 'verified'],
    email: ['email', 'email_verified'],
    birth: ['birthplace', 'birthcountry'],
    identite_pivot: [
      'given_name',
      'family_name',
      'preferred_username',
      'gender',
      'birthcountry',
      'birthplace',
      'birthdate',
      'verified',
    ],
  },
  refreshTokens: false,
  scopeClaimsInIdToken: false,
  accessTokenTtl: 2 * 365 * 24 * HOUR,
  sessionTtl: 10 * HOUR,
};

/** The profile of a flavor; V3 in `realm` (`nc-connect` for citizens, `agent-connect` for agents). */
export function flavorProfile(flavor: NcConnectFlavor, realm = 'nc-connect'): FlavorProfile {
  if (flavor === 'v2') return V2;
  if (realm === 'nc-connect') return V3;
  return { ...V3, label: `plateforme V3, royaume ${realm}`, issuerPath: `/v3/realms/${realm}` };
}
