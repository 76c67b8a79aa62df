import { importJWK } from 'jose';
import * as client from 'openid-client';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { ClientSecretBasic } from './client-secret-basic.js';

/**
 * `private_key_jwt` with the first of the app's keys: a client assertion (RFC 7523) signed with it,
 * its `kid` in the header so that NC Connect picks the right key of the app's JWKS. The key is
 * imported once, on first use.
 */
function PrivateKeyJwt(config: Pick<NcConnectConfig, 'clientKeys'>): client.ClientAuth {
  const [signing] = config.clientKeys;
  if (!signing) throw new Error('private_key_jwt needs a clientKey');
  let auth: Promise<client.ClientAuth> | undefined;
  return async (server, metadata, body, headers) => {
    auth ??= importJWK(signing.privateJwk, signing.alg).then((key) =>
      client.PrivateKeyJwt({ key: key as CryptoKey, kid: signing.kid }),
    );
    await (
      await auth
    )(server, metadata, body, headers);
  };
}

/** The client authentication `config.tokenEndpointAuthMethod` names. */
export function clientAuthentication(
  config: Pick<NcConnectConfig, 'clientSecret' | 'tokenEndpointAuthMethod' | 'clientKeys'>,
): client.ClientAuth {
  switch (config.tokenEndpointAuthMethod) {
    case 'client_secret_post':
      return client.ClientSecretPost(config.clientSecret);
    case 'client_secret_jwt':
      return client.ClientSecretJwt(config.clientSecret);
    case 'private_key_jwt':
      return PrivateKeyJwt(config);
    default:
      return ClientSecretBasic(config.clientSecret);
  }
}
