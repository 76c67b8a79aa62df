import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { authorizationRequest, discover, exchangeCode, logIn, type Discovery } from '../test/code-flow.js';
import { FakeBrowser } from '../../../test/support/fake-browser.js';
import {
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
} from './index.js';

const client: NcConnectEmulatorClient = { ...demoClientFor(3998), backchannelLogoutUri: undefined };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function post(url: string, body: Record<string, string>, secret = client.clientSecret) {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: basic(client.clientId, secret) },
    body: new URLSearchParams(body),
  });
}

describe('V3 revocation endpoint (RFC 7009, Keycloak path)', () => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;
  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ clients: [client] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  it('revokes a refresh token, which then no longer refreshes', async () => {
    const request = authorizationRequest(discovery, client, { scope: 'openid profile' });
    const callback = await logIn(new FakeBrowser(), request, client);
    const exchanged = await exchangeCode(discovery, client, callback.searchParams.get('code')!, request.verifier);
    const { refresh_token: refreshToken } = (await exchanged.json()) as Record<string, string>;

    const revoked = await post(discovery.revocation_endpoint as string, {
      token: refreshToken,
      token_type_hint: 'refresh_token',
    });
    expect(revoked.status).toBe(200);

    const refreshed = await post(discovery.token_endpoint, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a client that does not authenticate', async () => {
    const response = await post(discovery.revocation_endpoint as string, { token: 'anything' }, 'wrong-secret');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});
