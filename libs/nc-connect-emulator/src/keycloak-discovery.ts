import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

/**
 * Keycloak's client authentication methods, in Keycloak's order, less `tls_client_auth`: the
 * emulator speaks plain HTTP, so it has no client certificate to check.
 */
export const KEYCLOAK_CLIENT_AUTH_METHODS = [
  'private_key_jwt',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
] as const;

type JwsAlgorithm = NonNullable<NonNullable<Configuration['enabledJWA']>['requestObjectSigningAlgValues']>[number];

/** Who may revoke `token`: the client it was issued to, as at Keycloak. */
function revocationAllowed(_ctx: KoaContextWithOIDC, client: { clientId: string }, token: { clientId?: string }) {
  return token.clientId === client.clientId;
}

/**
 * The oidc-provider settings that give V3's discovery document a Keycloak 26 realm's fields, as far
 * as the emulator serves them: revocation (RFC 7009), JWT-secured authorization responses (JARM),
 * request objects and the `claims` parameter are switched on; every client authentication method
 * Keycloak lists except `tls_client_auth` is accepted at the token, introspection and revocation
 * endpoints; and capabilities the emulator lacks (front-channel logout, certificate-bound tokens)
 * are said to be absent rather than left out. Endpoints it does not serve (device authorization,
 * CIBA, registration, session iframe) are not advertised: see docs/EMULATOR-VS-KEYCLOAK.md.
 * @param clientAuthSigningAlgValues the algorithms accepted on client assertions and request objects.
 */
export function keycloakDiscoveryConfiguration(
  clientAuthSigningAlgValues: readonly JwsAlgorithm[],
): Partial<Configuration> {
  const authMethods = [...KEYCLOAK_CLIENT_AUTH_METHODS];
  const authAlgorithms = [...clientAuthSigningAlgValues];
  return {
    clientAuthMethods: authMethods,
    enabledJWA: {
      // Keycloak also lists `none`; oidc-provider 9 takes signed request objects only.
      requestObjectSigningAlgValues: authAlgorithms,
      // JARM responses are signed with the emulator's one key, as its ID tokens are.
      authorizationSigningAlgValues: ['RS256'],
    },
    features: {
      revocation: { enabled: true, allowedPolicy: revocationAllowed },
      jwtResponseModes: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      claimsParameter: { enabled: true },
    },
    // oidc-provider adds these fields only where the document does not already have them.
    discovery: {
      claim_types_supported: ['normal'],
      introspection_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_signing_alg_values_supported: authAlgorithms,
      revocation_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_signing_alg_values_supported: authAlgorithms,
      require_pushed_authorization_requests: false,
      frontchannel_logout_supported: false,
      frontchannel_logout_session_supported: false,
      tls_client_certificate_bound_access_tokens: false,
    },
  };
}
