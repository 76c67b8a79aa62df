import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import type { JWK } from 'jose';
import type { NcConnectTokenEndpointAuthMethod } from 'nestjs-nc-connect';
import type { NcConnectEmulatorClient } from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import { startEmulatorPair } from './support/test-pairs.js';

const CLIENT_AUTH_FAILED = 'NC_CONNECT_CLIENT_AUTH_FAILED';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

function rsaKey(): { pem: string; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    publicJwk: publicKey.export({ format: 'jwk' }) as JWK,
  };
}

const appKey = rsaKey();
const otherKey = rsaKey();
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/**
 * A JWKS of our choosing at a URL, for the emulator's `jwksUri`: the keys NC Connect was told about.
 * (The emulator's inline `jwks` cannot be used under Jest: oidc-provider clones static clients with
 * the outer realm's structuredClone, and then finds their keys are not plain objects.)
 */
async function servedJwks(keys: JWK[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Logs in through the emulator; the callback's answer and the app's `/auth/me` afterwards. */
async function logInOnce(appUrl: string): Promise<{ callback: Response; me: { status: number; body: unknown } }> {
  const browser = new FakeBrowser();
  const callback = await logIn(browser, appUrl);
  return { callback, me: await getJson(browser, `${appUrl}/auth/me`) };
}

describe.each<NcConnectTokenEndpointAuthMethod>([
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
])('a client registered at the emulator with %s', (tokenEndpointAuthMethod) => {
  const jwks = (port: number): Partial<NcConnectEmulatorClient> =>
    tokenEndpointAuthMethod === 'private_key_jwt' ? { jwksUri: `http://localhost:${port}/auth/jwks` } : {};

  it('logs in (the emulator refuses any other method for this client)', async () => {
    const pair = await startEmulatorPair({
      client: (port) => ({ tokenEndpointAuthMethod, ...jwks(port) }),
      // A private_key_jwt client needs no secret.
      module: {
        tokenEndpointAuthMethod,
        clientKey: appKey.pem,
        ...(tokenEndpointAuthMethod === 'private_key_jwt' ? { clientSecret: undefined } : {}),
      },
    });
    try {
      const { callback, me } = await logInOnce(pair.app.url);
      expect(callback.status).toBe(302);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ sub: expect.any(String), email: 'jean.dupont@example.nc' });
    } finally {
      await pair.close();
    }
  });

  it('answers 502 NC_CONNECT_CLIENT_AUTH_FAILED with the wrong secret or key, logging the settings', async () => {
    // NC Connect knows otherKey only: it must refuse an assertion signed with appKey.
    const known = await servedJwks([otherKey.publicJwk]);
    const pair = await startEmulatorPair({
      client: {
        tokenEndpointAuthMethod,
        ...(tokenEndpointAuthMethod === 'private_key_jwt' ? { jwksUri: known.url } : {}),
      },
      module:
        tokenEndpointAuthMethod === 'private_key_jwt'
          ? { tokenEndpointAuthMethod, clientKey: appKey.pem }
          : { tokenEndpointAuthMethod, clientSecret: 'not-the-registered-secret-0123456789' },
    });
    try {
      const { callback, me } = await logInOnce(pair.app.url);
      expect(callback.status).toBe(502);
      expect(await callback.text()).toContain(`data-error-code="${CLIENT_AUTH_FAILED}"`);
      expect(me.status).toBe(401);
      const lines = pair.app.logs
        .library()
        .filter((line) => line.startsWith('error') && line.includes(CLIENT_AUTH_FAILED));
      expect(lines.some((line) => line.includes(`tokenEndpointAuthMethod ("${tokenEndpointAuthMethod}")`))).toBe(true);
      for (const line of lines) expect(line).not.toContain('not-the-registered-secret');
    } finally {
      await pair.close();
      await known.close();
    }
  });
});

describe('private_key_jwt keys', () => {
  it('serves the public keys only at GET /auth/jwks, cacheable, the first of a list signing', async () => {
    const ecJwk = { ...(ecKey.privateKey.export({ format: 'jwk' }) as JWK), kid: 'next' };
    const ecPublic = ecKey.publicKey.export({ format: 'jwk' }) as JWK;
    // Rotation: the new EC key signs; NC Connect knows only that one here, so a login proves it signed.
    const known = await servedJwks([{ ...ecPublic, kid: 'next', alg: 'ES256', use: 'sig' }]);
    const pair = await startEmulatorPair({
      client: { tokenEndpointAuthMethod: 'private_key_jwt', jwksUri: known.url },
      module: { tokenEndpointAuthMethod: 'private_key_jwt', clientKey: [ecJwk, appKey.pem] },
    });
    try {
      const response = await fetch(`${pair.app.url}/auth/jwks`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const { keys } = (await response.json()) as { keys: JWK[] };
      expect(keys.map((key) => [key.kty, key.kid, key.alg, key.use])).toEqual([
        ['EC', 'next', 'ES256', 'sig'],
        ['RSA', expect.stringMatching(/^[\w-]{43}$/), 'RS256', 'sig'],
      ]);
      expect(keys[0]).toMatchObject({ crv: 'P-256', x: ecPublic.x, y: ecPublic.y });
      expect(keys[1]).toMatchObject({ n: appKey.publicJwk.n, e: appKey.publicJwk.e });
      for (const key of keys) for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);

      const { callback, me } = await logInOnce(pair.app.url);
      expect([callback.status, me.status]).toEqual([302, 200]);
    } finally {
      await pair.close();
      await known.close();
    }
  });

  it('does not sign with the second key of the list', async () => {
    const known = await servedJwks([appKey.publicJwk]);
    const pair = await startEmulatorPair({
      client: { tokenEndpointAuthMethod: 'private_key_jwt', jwksUri: known.url },
      module: { tokenEndpointAuthMethod: 'private_key_jwt', clientKey: [otherKey.pem, appKey.pem] },
    });
    try {
      expect((await logInOnce(pair.app.url)).callback.status).toBe(502);
    } finally {
      await pair.close();
      await known.close();
    }
  });

  it('refuses HS256 ID tokens when the app has no client secret to check them with', async () => {
    const pair = await startEmulatorPair({
      client: (port) => ({
        tokenEndpointAuthMethod: 'private_key_jwt',
        jwksUri: `http://localhost:${port}/auth/jwks`,
        idTokenSignedResponseAlg: 'HS256',
      }),
      module: {
        tokenEndpointAuthMethod: 'private_key_jwt',
        clientKey: appKey.pem,
        clientSecret: undefined,
        idTokenSignedResponseAlg: 'HS256',
      },
    });
    try {
      const { callback, me } = await logInOnce(pair.app.url);
      expect(callback.status).toBe(401);
      expect(await callback.text()).toContain('data-error-code="NC_CONNECT_ID_TOKEN_INVALID"');
      expect(me.status).toBe(401);
    } finally {
      await pair.close();
    }
  });

  it('serves an empty set when the app has no key', async () => {
    const pair = await startEmulatorPair();
    try {
      const response = await fetch(`${pair.app.url}/auth/jwks`);
      expect([response.status, await response.json()]).toEqual([200, { keys: [] }]);
    } finally {
      await pair.close();
    }
  });
});
