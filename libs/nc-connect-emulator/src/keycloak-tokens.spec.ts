import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { authorizationRequest, discover, exchangeCode, logIn, type Discovery } from '../test/code-flow.js';
import { FakeBrowser } from '../../../test/support/fake-browser.js';
import {
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
} from './index.js';

const client: NcConnectEmulatorClient = { ...demoClientFor(3999), backchannelLogoutUri: undefined };
const SCOPE = 'openid profile email';

async function loggedIn(emulator: NcConnectEmulator, discovery: Discovery) {
  const request = authorizationRequest(discovery, client, { scope: SCOPE });
  const callback = await logIn(new FakeBrowser(), request, client);
  const response = await exchangeCode(discovery, client, callback.searchParams.get('code')!, request.verifier);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

const userinfo = (discovery: Discovery, accessToken: string) =>
  fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });

function refresh(discovery: Discovery, refreshToken: string) {
  return fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

describe('V3 tokens shaped like Keycloak', () => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;

  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ clients: [client] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  it('issues JWT access tokens signed RS256 with the realm key, with Keycloak header and claims', async () => {
    const tokens = await loggedIn(emulator, discovery);
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: emulator.issuer,
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    const idToken = decodeJwt(tokens.id_token);
    expect(payload).toMatchObject({
      sub: idToken.sub,
      aud: 'account',
      azp: client.clientId,
      typ: 'Bearer',
      sid: idToken.sid,
      scope: SCOPE,
      realm_access: { roles: ['default-roles-nc-connect', 'offline_access', 'uma_authorization'] },
      preferred_username: 'jean.dupont',
      email: 'jean.dupont@example.nc',
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(1800);
    expect(payload).not.toHaveProperty('client_id');
  });

  it('puts typ "ID", sid and session_state in the ID token', async () => {
    const { id_token: idToken } = await loggedIn(emulator, discovery);
    expect(decodeProtectedHeader(idToken).alg).toBe('RS256');
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({ typ: 'ID', sid: expect.any(String), aud: client.clientId });
    expect(claims.session_state).toBe(claims.sid);
  });

  it('answers userinfo for its JWT access token, and refuses an altered one', async () => {
    const { access_token: accessToken, id_token: idToken } = await loggedIn(emulator, discovery);
    const answer = await userinfo(discovery, accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ sub: decodeJwt(idToken).sub, preferred_username: 'jean.dupont' });
    const [header, payload] = accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await userinfo(discovery, forged)).status).toBe(401);
  });

  it('refreshes into a new JWT access token of the same session, that userinfo accepts', async () => {
    const first = await loggedIn(emulator, discovery);
    const response = await refresh(discovery, first.refresh_token);
    expect(response.status).toBe(200);
    const second = (await response.json()) as Record<string, string>;
    const [before, after] = [decodeJwt(first.access_token), decodeJwt(second.access_token)];
    expect(after).toMatchObject({ typ: 'Bearer', azp: client.clientId, sid: before.sid, scope: SCOPE });
    expect(after.jti).not.toBe(before.jti);
    expect(decodeJwt(second.id_token)).toMatchObject({ typ: 'ID', sid: before.sid });
    expect((await userinfo(discovery, second.access_token)).status).toBe(200);
  });
});

describe('V2 tokens stay opaque', () => {
  it('issues an opaque access token and no sid in the ID token', async () => {
    const emulator = await startNcConnectEmulator({ flavor: 'v2', clients: [client] });
    try {
      const discovery = await discover(emulator.issuer);
      const tokens = await loggedIn(emulator, discovery);
      expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(decodeJwt(tokens.id_token)).not.toHaveProperty('typ');
      expect(decodeJwt(tokens.id_token)).not.toHaveProperty('sid');
      expect((await userinfo(discovery, tokens.access_token)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
