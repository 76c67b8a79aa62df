import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { discover, type Discovery } from '../test/code-flow.js';
import { KEYCLOAK_FIELDS } from '../test/keycloak-discovery-fields.js';
import { startNcConnectEmulator, type NcConnectEmulator } from './index.js';

/** What the emulator does not serve, so does not advertise (docs/EMULATOR-VS-KEYCLOAK.md). */
const NOT_IMITATED = [
  'check_session_iframe',
  'registration_endpoint',
  'require_request_uri_registration',
  'device_authorization_endpoint',
  'backchannel_token_delivery_modes_supported',
  'backchannel_authentication_endpoint',
  'backchannel_authentication_request_signing_alg_values_supported',
  'mtls_endpoint_aliases',
  ...KEYCLOAK_FIELDS.filter((field) => field.includes('_encryption_')),
];

const AUTH_METHODS = ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt'];

/** The method each endpoint answers to; a 404 on it would mean an advertised endpoint does not exist. */
const POST_ENDPOINTS = new Set([
  'token_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
  'pushed_authorization_request_endpoint',
]);

describe.each(['nc-connect', 'agent-connect'])('V3 discovery of realm %s, shaped like Keycloak 26', (realm) => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;
  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ realm });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  it("has Keycloak's fields, less the ones it does not imitate, and DPoP's", () => {
    const expected = KEYCLOAK_FIELDS.filter((field) => !NOT_IMITATED.includes(field));
    expect(Object.keys(discovery).sort()).toEqual([...expected, 'dpop_signing_alg_values_supported'].sort());
  });

  it("has Keycloak's endpoint paths under the realm and Keycloak's values where it supports them", () => {
    const base = `http://localhost:${emulator.port}/v3/realms/${realm}`;
    const openidConnect = `${base}/protocol/openid-connect`;
    expect(discovery).toMatchObject({
      issuer: base,
      authorization_endpoint: `${openidConnect}/auth`,
      token_endpoint: `${openidConnect}/token`,
      introspection_endpoint: `${openidConnect}/token/introspect`,
      userinfo_endpoint: `${openidConnect}/userinfo`,
      end_session_endpoint: `${openidConnect}/logout`,
      jwks_uri: `${openidConnect}/certs`,
      revocation_endpoint: `${openidConnect}/revoke`,
      pushed_authorization_request_endpoint: `${openidConnect}/ext/par/request`,
      require_pushed_authorization_requests: false,
      subject_types_supported: ['public', 'pairwise'],
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      introspection_endpoint_auth_methods_supported: AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: AUTH_METHODS,
      claim_types_supported: ['normal'],
      claims_parameter_supported: true,
      request_parameter_supported: true,
      authorization_response_iss_parameter_supported: true,
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      // What the emulator cannot do, said as Keycloak would say it of a realm without it.
      frontchannel_logout_supported: false,
      frontchannel_logout_session_supported: false,
      tls_client_certificate_bound_access_tokens: false,
      request_uri_parameter_supported: false,
      code_challenge_methods_supported: ['S256'],
    });
    expect([...(discovery.response_modes_supported as string[])].sort()).toEqual(
      ['query', 'fragment', 'form_post', 'query.jwt', 'fragment.jwt', 'form_post.jwt', 'jwt'].sort(),
    );
    for (const field of [
      'token_endpoint_auth_signing_alg_values_supported',
      'introspection_endpoint_auth_signing_alg_values_supported',
      'revocation_endpoint_auth_signing_alg_values_supported',
    ]) {
      expect(discovery[field]).toEqual(expect.arrayContaining(['RS256', 'PS256', 'ES256', 'HS256', 'EdDSA']));
    }
    expect(discovery.request_object_signing_alg_values_supported).toEqual(
      expect.arrayContaining(['RS256', 'PS256', 'ES256', 'HS256', 'EdDSA']),
    );
    expect(discovery.request_object_signing_alg_values_supported).not.toContain('none');
  });

  it('answers on every endpoint it advertises', async () => {
    const endpoints = Object.entries(discovery).filter(
      ([field, value]) => (field.endsWith('_endpoint') || field === 'jwks_uri') && typeof value === 'string',
    ) as Array<[string, string]>;
    expect(endpoints).toHaveLength(8);
    for (const [field, url] of endpoints) {
      const method = POST_ENDPOINTS.has(field) ? 'POST' : 'GET';
      const response = await fetch(url, { method, redirect: 'manual' });
      expect([field, response.status !== 404 && response.status < 500]).toEqual([field, true]);
    }
  });
});

describe('V2 discovery, untouched by the Keycloak fields', () => {
  it('keeps its oidc-provider fields and values', async () => {
    const emulator = await startNcConnectEmulator({ flavor: 'v2' });
    try {
      const discovery = await discover(emulator.issuer);
      expect(Object.keys(discovery).sort()).toEqual(
        [
          'authorization_endpoint',
          'authorization_response_iss_parameter_supported',
          'backchannel_logout_session_supported',
          'backchannel_logout_supported',
          'claim_types_supported',
          'claims_parameter_supported',
          'claims_supported',
          'code_challenge_methods_supported',
          'dpop_signing_alg_values_supported',
          'end_session_endpoint',
          'grant_types_supported',
          'id_token_signing_alg_values_supported',
          'introspection_endpoint',
          'issuer',
          'jwks_uri',
          'request_uri_parameter_supported',
          'response_modes_supported',
          'response_types_supported',
          'scopes_supported',
          'subject_types_supported',
          'token_endpoint',
          'token_endpoint_auth_methods_supported',
          'token_endpoint_auth_signing_alg_values_supported',
          'userinfo_endpoint',
          'userinfo_signing_alg_values_supported',
        ].sort(),
      );
      expect(discovery).toMatchObject({
        claims_parameter_supported: false,
        response_modes_supported: ['form_post', 'fragment', 'query'],
        token_endpoint_auth_methods_supported: [
          'client_secret_basic',
          'client_secret_jwt',
          'client_secret_post',
          'private_key_jwt',
          'none',
        ],
        introspection_endpoint: `${emulator.issuer}/v2/introspect`,
      });
    } finally {
      await emulator.close();
    }
  });
});
