import { createHash, randomBytes } from 'node:crypto';

import type { Client, ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';

import type { NcConnectEmulatorClient } from './emulator-options.js';
import type { FlavorProfile } from './flavor-profile.js';
import { grantRequestedScopes } from './grant-requested-scopes.js';
import type { KeycloakAcr } from './keycloak-acr.js';
import type { JwtAccessTokenLedger } from './jwt-access-token-ledger.js';
import { keycloakAccessTokenConfiguration, scopeClaims } from './keycloak-access-tokens.js';
import { keycloakDiscoveryConfiguration } from './keycloak-discovery.js';
import { createMemoryAdapter } from './memory-adapter.js';
import type { NcConnectPersona } from './nc-connect-persona.js';
import { personaClaims } from './persona-claims.js';
import { logoutSource, postLogoutSuccessSource, renderError } from './provider-pages.js';

/** Everything the oidc-provider configuration is built from. */
export interface ProviderSetup {
  profile: FlavorProfile;
  clients: readonly NcConnectEmulatorClient[];
  personas: readonly NcConnectPersona[];
  jwks: { keys: JWK[] };
  /** V3: where the JWT access tokens are recorded (V2 issues opaque tokens). */
  ledger?: JwtAccessTokenLedger;
  /** V3: Keycloak's `acr` settings (`acr_values_supported`, the step-up check of the login prompt). */
  acr?: ReturnType<KeycloakAcr['configuration']>;
}

const CLIENT_ASSERTION_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

function clientMetadata(client: NcConnectEmulatorClient, profile: FlavorProfile): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.clientName ?? client.clientId,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? 'client_secret_basic',
    // A copy: oidc-provider wants plain objects, and later changes to the options must not reach it.
    ...(client.jwks ? { jwks: { keys: client.jwks.keys.map((key) => ({ ...key })) } } : {}),
    ...(client.jwksUri ? { jwks_uri: client.jwksUri } : {}),
    id_token_signed_response_alg: client.idTokenSignedResponseAlg ?? 'RS256',
    ...(client.backchannelLogoutUri
      ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    ...(client.userinfoSignedResponseAlg ? { userinfo_signed_response_alg: client.userinfoSignedResponseAlg } : {}),
    grant_types: profile.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    subject_type: 'pairwise',
  };
}

/**
 * NC Connect's `sub` is a PPID: stable for a person and a service, different between services.
 * The sector is the host of the first redirect URI, as oidc-provider's own default; the fixed salt
 * keeps every `sub` stable across emulator restarts.
 */
function pairwiseIdentifier(_ctx: KoaContextWithOIDC, accountId: string, client: Client): string {
  const [redirectUri] = client.redirectUris ?? [];
  const sector = redirectUri ? new URL(redirectUri).host : client.clientId;
  return createHash('sha256').update(`nc-connect-emulator|${sector}|${accountId}`).digest('hex');
}

/** Who may introspect `token`: any confidential client (a resource server), a public client its own tokens only. */
function introspectionAllowed(ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string }): boolean {
  return client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client?.clientId;
}

/** The oidc-provider configuration of one emulator. */
export function providerConfiguration({ profile, clients, personas, jwks, ledger, acr }: ProviderSetup): Configuration {
  const cookiePrefix = `nc_connect_emulator_${profile.flavor}_`;
  const idTokenTtl = Math.min(profile.accessTokenTtl, 60 * 60);
  const keycloak = ledger ? keycloakAccessTokenConfiguration({ profile, personas, ledger }) : {};
  const discovery = profile.flavor === 'v3' ? keycloakDiscoveryConfiguration(CLIENT_ASSERTION_ALGORITHMS) : {};
  return {
    ...keycloak,
    ...discovery,
    adapter: createMemoryAdapter(),
    clients: clients.map((client) => clientMetadata(client, profile)),
    jwks,
    routes: profile.routes,
    scopes: profile.refreshTokens ? ['openid', 'offline_access'] : ['openid'],
    // Keycloak's default `basic` and `acr` client scopes put auth_time and acr in every ID token.
    claims: acr
      ? { ...profile.scopeClaims, openid: [...(profile.scopeClaims.openid ?? []), 'acr', 'auth_time'] }
      : { ...profile.scopeClaims },
    ...(acr ? { acrValues: acr.acrValues } : {}),
    conformIdTokenClaims: !profile.scopeClaimsInIdToken,
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier,
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'HS256'],
      // What Keycloak accepts on client assertions (client_secret_jwt, private_key_jwt).
      clientAuthSigningAlgValues: [...CLIENT_ASSERTION_ALGORITHMS],
      ...discovery.enabledJWA,
    },
    pkce: { required: () => false },
    findAccount(ctx, sub) {
      const persona = personas.find((candidate) => candidate.login === sub);
      if (!persona) return undefined;
      return { accountId: persona.login, claims: () => ({ sub, ...personaClaims(persona, profile, ctx.oidc.issuer) }) };
    },
    loadExistingGrant: grantRequestedScopes,
    // V2's opaque access tokens carry the user's claims of the granted scopes, which introspection
    // returns (as Keycloak's introspection does); V3's JWTs get theirs from the JWT customizer.
    ...(ledger
      ? {}
      : {
          extraTokenClaims: (ctx: KoaContextWithOIDC, token: { kind: string; accountId?: string; scope?: string }) =>
            token.kind === 'AccessToken'
              ? scopeClaims({ personas, profile }, token.accountId, token.scope ?? '', ctx.oidc.issuer)
              : undefined,
        }),
    issueRefreshToken: (_ctx, client) => profile.refreshTokens && client.grantTypeAllowed('refresh_token'),
    interactions: {
      ...acr?.interactions,
      url: (_ctx, interaction) => `${profile.issuerPath}${profile.loginPath}/${interaction.uid}`,
    },
    cookies: {
      // Apps on other localhost ports see these cookies too: keep the names unmistakable.
      names: {
        session: `${cookiePrefix}session`,
        interaction: `${cookiePrefix}interaction`,
        resume: `${cookiePrefix}resume`,
      },
      keys: [randomBytes(32).toString('base64url')],
    },
    clientBasedCORS: (_ctx, origin, client) =>
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      pushedAuthorizationRequests: { enabled: profile.flavor === 'v3' },
      jwtUserinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      // RFC 7662. A confidential client (a resource server) may introspect any client's token and
      // sees its client_id; a public client only its own tokens (oidc-provider's default, made explicit).
      introspection: { enabled: true, allowedPolicy: introspectionAllowed },
      ...keycloak.features,
      ...discovery.features,
      // @types/oidc-provider ties an enabled introspection to other features' settings.
    } as Configuration['features'],
    ttl: {
      AccessToken: profile.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: idTokenTtl,
      RefreshToken: profile.sessionTtl,
      Interaction: 60 * 60,
      Session: profile.sessionTtl,
      Grant: Math.max(profile.accessTokenTtl, profile.sessionTtl),
    },
    renderError,
    // oidc-provider's outgoing requests (back-channel logout) refuse special-use addresses where it
    // can set that up (Node 22+), loopback included; the emulator's apps are on loopback by design.
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      const { dispatcher: _dispatcher, ...options } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      return fetch(input, options);
    },
  };
}
