import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { discover } from '../test/code-flow.js';
import {
  DEMO_CLIENT,
  DEMO_PERSONAS,
  NcConnectEmulatorOptionsError,
  startNcConnectEmulator,
  type NcConnectEmulator,
} from './index.js';

describe('V3 discovery (Keycloak realm paths)', () => {
  let emulator: NcConnectEmulator;
  beforeAll(async () => {
    emulator = await startNcConnectEmulator();
  });
  afterAll(() => emulator.close());

  it('serves the realm issuer and its protocol/openid-connect endpoints', async () => {
    const base = `http://localhost:${emulator.port}/v3/realms/nc-connect`;
    expect(emulator.issuer).toBe(base);
    expect(emulator.flavor).toBe('v3');
    const discovery = await discover(emulator.issuer);
    expect(discovery).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/protocol/openid-connect/auth`,
      token_endpoint: `${base}/protocol/openid-connect/token`,
      userinfo_endpoint: `${base}/protocol/openid-connect/userinfo`,
      end_session_endpoint: `${base}/protocol/openid-connect/logout`,
      jwks_uri: `${base}/protocol/openid-connect/certs`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'birth', 'identite_pivot']),
    );
    expect(discovery.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS256', 'HS256']));
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
  });

  it('publishes one RS256 signing key with a kid and no private part', async () => {
    const { keys } = (await (await fetch(`${emulator.issuer}/protocol/openid-connect/certs`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(keys[0].d).toBeUndefined();
  });

  it('counts requests per endpoint', async () => {
    const before = emulator.requestCounts();
    await discover(emulator.issuer);
    await fetch(`${emulator.issuer}/protocol/openid-connect/certs`);
    const after = emulator.requestCounts();
    expect(after.discovery).toBe((before.discovery ?? 0) + 1);
    expect(after.jwks).toBe((before.jwks ?? 0) + 1);
  });

  it('answers 404 outside the realm', async () => {
    const response = await fetch(`http://localhost:${emulator.port}/v3/realms/other/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
  });

  it('shows a French error page for an unknown client instead of redirecting', async () => {
    const response = await fetch(
      `${emulator.issuer}/protocol/openid-connect/auth?client_id=nobody&response_type=code&scope=openid`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('une erreur est survenue');
    expect(html).toContain('invalid_client');
  });
});

describe('V2 discovery (legacy paths of the French integration page)', () => {
  it('serves the bare origin as issuer and the /v2 endpoints', async () => {
    const emulator = await startNcConnectEmulator({ flavor: 'v2', publicHost: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${emulator.port}`;
      expect(emulator.issuer).toBe(base);
      expect(await discover(emulator.issuer)).toMatchObject({
        issuer: base,
        authorization_endpoint: `${base}/v2/oauth/authorize`,
        token_endpoint: `${base}/v2/token`,
        userinfo_endpoint: `${base}/v2/userinfo`,
        end_session_endpoint: `${base}/v2/logout`,
        jwks_uri: `${base}/v2/jwks`,
      });
    } finally {
      await emulator.close();
    }
  });
});

describe('startNcConnectEmulator', () => {
  it('defaults to the demo personas, with jean.dupont first', async () => {
    const emulator = await startNcConnectEmulator();
    await emulator.close();
    expect(emulator.personas).toEqual(DEMO_PERSONAS);
    expect(emulator.personas[0]).toMatchObject({ login: 'jean.dupont', email: 'jean.dupont@example.nc', verified: 2 });
  });

  it('stops listening on close()', async () => {
    const emulator = await startNcConnectEmulator();
    await discover(emulator.issuer);
    await emulator.close();
    await expect(fetch(`${emulator.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });

  it('reports every invalid option at once', async () => {
    const started = startNcConnectEmulator({
      flavor: 'v4' as 'v3',
      port: -1,
      clients: [
        {
          ...DEMO_CLIENT,
          clientId: '',
          redirectUris: ['not a url'],
          tokenEndpointAuthMethod: 'none' as 'client_secret_post',
        },
      ],
    });
    await expect(started).rejects.toThrow(NcConnectEmulatorOptionsError);
    await expect(started).rejects.toThrow(
      [
        'NC Connect emulator options are invalid:',
        '- flavor: must be v3 or v2',
        '- port: must be an integer from 0 to 65535',
        '- clients[0].clientId: required',
        '- clients[0].redirectUris[0]: must be an absolute http(s) URL without fragment',
        '- clients[0].tokenEndpointAuthMethod: must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt',
      ].join('\n'),
    );
  });

  it("checks the acr levels and the personas' maxAcr", async () => {
    await expect(
      startNcConnectEmulator({
        acrLevels: ['eidas1', 'eidas 2', 'eidas1'],
        personas: [{ ...DEMO_PERSONAS[0], maxAcr: 'eidas3' }],
      }),
    ).rejects.toThrow(
      [
        '- personas[0].maxAcr: must be one of acrLevels (eidas1, eidas 2, eidas1)',
        '- acrLevels[1]: must be printable ASCII without spaces',
        '- acrLevels: duplicate level eidas1',
      ].join('\n'),
    );
    await expect(startNcConnectEmulator({ acrLevels: [] })).rejects.toThrow(
      '- acrLevels: must be a non-empty array of acr values',
    );
    await expect(startNcConnectEmulator({ flavor: 'v2', acrLevels: ['eidas1'] })).rejects.toThrow(
      '- acrLevels: only V3 (Keycloak) has acr levels',
    );
    await expect(startNcConnectEmulator({ personas: [{ ...DEMO_PERSONAS[0], maxAcr: 'eidas1' }] })).rejects.toThrow(
      '- personas[0].maxAcr: needs acrLevels',
    );
  });

  it('requires the public keys of a private_key_jwt client, given one way', async () => {
    const client = { ...DEMO_CLIENT, tokenEndpointAuthMethod: 'private_key_jwt' as const };
    await expect(startNcConnectEmulator({ clients: [client] })).rejects.toThrow(
      '- clients[0].jwksUri: private_key_jwt needs jwks or jwksUri',
    );
    await expect(
      startNcConnectEmulator({ clients: [{ ...client, jwks: { keys: [] }, jwksUri: 'jwks' }] }),
    ).rejects.toThrow(
      [
        '- clients[0].jwksUri: must be an absolute http(s) URL without fragment',
        '- clients[0].jwks: give jwks or jwksUri, not both',
      ].join('\n'),
    );
  });

  it('imitates another V3 realm, such as agent-connect for government agents', async () => {
    const emulator = await startNcConnectEmulator({ realm: 'agent-connect' });
    try {
      expect(emulator.issuer).toMatch(/\/v3\/realms\/agent-connect$/);
      const discovery = await discover(emulator.issuer);
      expect(discovery.issuer).toBe(emulator.issuer);
      expect(discovery.token_endpoint).toBe(`${emulator.issuer}/protocol/openid-connect/token`);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a realm with V2, or a malformed one', async () => {
    await expect(startNcConnectEmulator({ flavor: 'v2', realm: 'agent-connect' })).rejects.toThrow(
      '- realm: only V3 has realms',
    );
    await expect(startNcConnectEmulator({ realm: '../x' })).rejects.toThrow(
      '- realm: must be lowercase letters, digits and dashes',
    );
  });

  it('rejects duplicate persona logins', async () => {
    const jean = DEMO_PERSONAS[0];
    await expect(startNcConnectEmulator({ personas: [jean, { ...jean }] })).rejects.toThrow(
      '- personas: duplicate login jean.dupont',
    );
  });
});
