import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

import type { FlavorProfile } from './flavor-profile.js';
import type { JwtAccessTokenLedger } from './jwt-access-token-ledger.js';
import type { NcConnectPersona } from './nc-connect-persona.js';
import { personaClaims } from './persona-claims.js';

/**
 * Roles a Keycloak realm gives every user (`default-roles-<realm>`), and the `account` client's
 * roles that come with them (the reason Keycloak's access tokens say `aud: "account"`).
 */
export function keycloakRoles(realm: string) {
  return {
    realm_access: { roles: [`default-roles-${realm}`, 'offline_access', 'uma_authorization'] },
    resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
  };
}

/** What the Keycloak access tokens are built from. */
export interface KeycloakTokenSetup {
  profile: FlavorProfile;
  personas: readonly NcConnectPersona[];
  ledger: JwtAccessTokenLedger;
}

/** The structured token oidc-provider hands its JWT customizer. */
interface StructuredToken {
  header?: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** The one model fields the customizer reads. */
interface AccessTokenModel {
  accountId?: string;
  clientId?: string;
  grantId?: string;
  sessionUid?: string;
  sid?: string;
  scope?: string;
  gty?: string;
  expiresWithSession?: boolean;
}

/** The persona's claims of the granted scopes, as Keycloak's default mappers copy them into access tokens. */
export function scopeClaims(
  setup: Pick<KeycloakTokenSetup, 'personas' | 'profile'>,
  accountId: string | undefined,
  scope: string,
  issuer: string,
) {
  const persona = setup.personas.find((candidate) => candidate.login === accountId);
  if (!persona) return {};
  const all = personaClaims(persona, setup.profile, issuer);
  const names = new Set(scope.split(' ').flatMap((name) => setup.profile.scopeClaims[name] ?? []));
  names.delete('sub');
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.has(name)));
}

/**
 * The oidc-provider settings that make V3 access tokens look like Keycloak's: every token is for
 * one resource (the realm), issued as a JWT signed RS256 with the realm's key, header
 * `typ: "JWT"`, claims `iss`, `sub`, `aud: "account"`, `azp`, `typ: "Bearer"`, `auth_time`, `acr`, `sid`, `scope`,
 * `realm_access`, `resource_access`, the scope claims, `exp`, `iat`, `jti` (no `client_id`).
 * Each token is written in `ledger`, which the userinfo endpoint reads it back from.
 */
export function keycloakAccessTokenConfiguration(setup: KeycloakTokenSetup): Partial<Configuration> {
  const { profile } = setup;
  const realm = profile.issuerPath.split('/').pop() ?? 'nc-connect';
  const allScopes = ['openid', 'offline_access', ...Object.keys(profile.scopeClaims)].join(' ');
  return {
    features: {
      resourceIndicators: {
        enabled: true,
        // Keycloak has no resource indicators: every access token is for the realm itself.
        defaultResource: (ctx: KoaContextWithOIDC) => ctx.oidc.issuer,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, _resource, _client) => ({
          scope: allScopes,
          audience: 'account',
          accessTokenFormat: 'jwt',
          accessTokenTTL: profile.accessTokenTtl,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    formats: {
      customizers: {
        async jwt(ctx, token, jwt) {
          const model = token as unknown as AccessTokenModel;
          const { header, payload } = jwt as unknown as StructuredToken;
          const { client_id: clientId, ...rest } = payload;
          const scope = typeof rest.scope === 'string' ? rest.scope : '';
          // The authentication the token comes from (a code, or a refresh token on refresh).
          const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
          (jwt as unknown as StructuredToken).header = { ...header, typ: 'JWT' };
          (jwt as unknown as StructuredToken).payload = {
            ...rest,
            ...scopeClaims(setup, model.accountId, scope, ctx.oidc.issuer),
            aud: 'account',
            azp: clientId,
            typ: 'Bearer',
            ...(source?.authTime === undefined ? {} : { auth_time: source.authTime }),
            ...(source?.acr === undefined ? {} : { acr: source.acr }),
            ...(model.sid ? { sid: model.sid } : {}),
            ...keycloakRoles(realm),
          };
          setup.ledger.record(String(rest.jti), Number(rest.exp), {
            accountId: model.accountId,
            clientId: String(clientId),
            grantId: model.grantId,
            sessionUid: model.sessionUid,
            sid: model.sid,
            scope,
            gty: model.gty,
            expiresWithSession: model.expiresWithSession,
          });
        },
      },
    },
  };
}
