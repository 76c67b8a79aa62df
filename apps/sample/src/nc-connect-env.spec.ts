import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ncConnectOptionsFromEnv } from './nc-connect-env.js';

const BASE: Record<string, string> = {
  NC_CONNECT_ISSUER: 'https://connect.gouv.nc/v3/realms/nc-connect',
  NC_CONNECT_CLIENT_ID: 'nc-sample',
  NC_CONNECT_CLIENT_SECRET: 'secret',
  NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD: 'private_key_jwt',
};
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'pem',
  type: 'pkcs8',
}) as string;

function fromEnv(env: Record<string, string>) {
  return () => ncConnectOptionsFromEnv((name) => env[name]);
}

describe('the sample app environment, with private_key_jwt', () => {
  it('names NC_CONNECT_CLIENT_KEY when it is missing or not a private key', () => {
    expect(fromEnv(BASE)).toThrow(
      "The sample app's NC Connect settings are invalid:\n- NC_CONNECT_CLIENT_KEY: required with tokenEndpointAuthMethod private_key_jwt",
    );
    expect(fromEnv({ ...BASE, NC_CONNECT_CLIENT_KEY: 'nope' })).toThrow(
      '- NC_CONNECT_CLIENT_KEY: must be a private key: a JWK object, or a PEM string ("-----BEGIN PRIVATE KEY-----")',
    );
  });

  it('takes a PEM key, with real line breaks or \\n escapes', () => {
    expect(fromEnv({ ...BASE, NC_CONNECT_CLIENT_KEY: PEM })().clientKey).toBe(PEM);
    expect(fromEnv({ ...BASE, NC_CONNECT_CLIENT_KEY: PEM.replaceAll('\n', '\\n') })().clientKey).toBe(PEM);
  });
});
