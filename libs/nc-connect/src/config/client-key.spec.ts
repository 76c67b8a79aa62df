import { generateKeyPairSync, generateKeySync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { JWK } from 'jose';
import type { NcConnectModuleOptions } from './nc-connect-options.interface.js';
import { createNcConnectConfig, findOptionProblems } from './nc-connect-config.js';

const valid: NcConnectModuleOptions = {
  issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
  clientId: 'my-service',
  clientSecret: 's3cret',
  redirectUri: 'https://service.gouv.nc/auth/callback',
  tokenEndpointAuthMethod: 'private_key_jwt',
  session: { secret: 'x'.repeat(32) },
};

function problems(overrides: Partial<NcConnectModuleOptions>): string[] {
  return findOptionProblems({ ...valid, ...overrides }, {}).map((p) => `${p.option}: ${p.message}`);
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJwk = rsa.privateKey.export({ format: 'jwk' }) as JWK;
const rsaPem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ecJwk = ec.privateKey.export({ format: 'jwk' }) as JWK;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

describe('clientKey', () => {
  it.each<[string, Partial<NcConnectModuleOptions>, string[]]>([
    [
      'missing with private_key_jwt',
      { clientKey: undefined },
      ['clientKey: required with tokenEndpointAuthMethod private_key_jwt'],
    ],
    ['an empty list', { clientKey: [] }, ['clientKey: required with tokenEndpointAuthMethod private_key_jwt']],
    [
      'a public JWK',
      { clientKey: rsa.publicKey.export({ format: 'jwk' }) as JWK },
      ['clientKey: must be a private key (a JWK with "d"), not a public one'],
    ],
    [
      'a public PEM',
      { clientKey: rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string },
      ['clientKey: must be a private key, not a public key or certificate'],
    ],
    [
      'a shared secret',
      { clientKey: generateKeySync('hmac', { length: 256 }).export({ format: 'jwk' }) as JWK },
      ['clientKey: must be an asymmetric key (RSA, EC or OKP): a shared secret belongs in clientSecret'],
    ],
    [
      'garbage',
      { clientKey: 'not a key' },
      ['clientKey: must be a private key: a JWK object, or a PEM string ("-----BEGIN PRIVATE KEY-----")'],
    ],
    [
      'a small RSA key',
      { clientKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' }) as JWK },
      ['clientKey: must be an RSA key of at least 2048 bits'],
    ],
    [
      'a key-agreement key',
      { clientKey: generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' }) as JWK },
      ['clientKey: must be a signing key (RSA, EC P-256/P-384/P-521 or Ed25519), got x25519'],
    ],
    [
      'an alg that does not fit',
      { clientKey: { ...ecJwk, alg: 'ES256' } },
      ['clientKey: "alg" "ES256" does not fit this ec key (one of ES384)'],
    ],
    [
      'an HMAC alg on an RSA key',
      { clientKey: { ...rsaJwk, alg: 'HS256' } },
      ['clientKey: "alg" "HS256" does not fit this rsa key (one of RS256, RS384, RS512, PS256, PS384, PS512)'],
    ],
    ['an encryption key', { clientKey: { ...rsaJwk, use: 'enc' } }, ['clientKey: "use" must be "sig", got "enc"']],
    [
      'a bad entry in a list',
      { clientKey: [rsaPem, 'nope'] },
      ['clientKey[1]: must be a private key: a JWK object, or a PEM string ("-----BEGIN PRIVATE KEY-----")'],
    ],
    [
      'the same key twice',
      { clientKey: [rsaJwk, rsaPem] },
      [
        `clientKey: two keys have the kid "${createNcConnectConfig({ ...valid, clientKey: rsaJwk }, {}).clientKeys[0].kid}"`,
      ],
    ],
    [
      'an unknown method',
      { tokenEndpointAuthMethod: 'tls_client_auth' as never, clientKey: rsaPem },
      [
        'tokenEndpointAuthMethod: must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt',
      ],
    ],
  ])('refuses %s', (_name, overrides, expected) => {
    expect(problems(overrides)).toEqual(expected);
  });

  it('accepts a PEM and a JWK giving the same key, with its thumbprint as kid and RS256', () => {
    const fromPem = createNcConnectConfig({ ...valid, clientKey: rsaPem }, {}).clientKeys;
    const fromJwk = createNcConnectConfig({ ...valid, clientKey: rsaJwk }, {}).clientKeys;
    expect(fromPem).toHaveLength(1);
    expect(fromPem[0].publicJwk).toEqual(fromJwk[0].publicJwk);
    expect(fromPem[0]).toMatchObject({ alg: 'RS256', kid: expect.stringMatching(/^[\w-]{43}$/) });
    expect(fromPem[0].publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: fromPem[0].kid });
    for (const member of PRIVATE_MEMBERS) expect(fromPem[0].publicJwk).not.toHaveProperty(member);
    expect(fromPem[0].privateJwk).toHaveProperty('d');
  });

  it("keeps a JWK's own kid and alg, and takes a list whose first key signs", () => {
    const keys = createNcConnectConfig(
      {
        ...valid,
        clientKey: [
          { ...ecJwk, kid: 'key-2026-12' },
          { ...rsaJwk, alg: 'PS256', kid: 'key-2026-06' },
        ],
      },
      {},
    ).clientKeys;
    expect(keys.map((key) => [key.kid, key.alg])).toEqual([
      ['key-2026-12', 'ES384'],
      ['key-2026-06', 'PS256'],
    ]);
  });

  it('is optional with the other methods, and then published all the same', () => {
    expect(problems({ tokenEndpointAuthMethod: 'client_secret_jwt', clientKey: undefined })).toEqual([]);
    const config = createNcConnectConfig(
      { ...valid, tokenEndpointAuthMethod: 'client_secret_basic', clientKey: rsaPem },
      {},
    );
    expect(config.clientKeys).toHaveLength(1);
  });

  it('needs no clientSecret with private_key_jwt, and still one with the other methods', () => {
    expect(problems({ clientKey: rsaPem, clientSecret: undefined })).toEqual([]);
    expect(createNcConnectConfig({ ...valid, clientKey: rsaPem, clientSecret: undefined }, {}).clientSecret).toBe('');
    expect(problems({ tokenEndpointAuthMethod: 'client_secret_jwt', clientSecret: undefined })).toEqual([
      'clientSecret: required',
    ]);
    expect(problems({ clientKey: rsaPem, clientSecret: ' s ' })).toEqual([
      'clientSecret: must be a string without surrounding spaces',
    ]);
  });

  it('accepts an Ed25519 key as EdDSA', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(createNcConnectConfig({ ...valid, clientKey: ed }, {}).clientKeys[0].alg).toBe('EdDSA');
  });
});
