import {
  OAuth2Server,
  type MutableResponse,
  type MutableToken,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server';
import { freePort } from './free-port.js';

/** The client registered at the mock, and how it must authenticate at the token endpoint. */
export interface MockClient {
  clientId: string;
  clientSecret: string;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
}

/** The user the mock logs in (its `/authorize` signs in "johndoe" without a page). */
export const MOCK_USER = { sub: 'johndoe', email: 'john.doe@example.nc', given_name: 'John', family_name: 'Doe' };

/** What a test reads back from the mock: the token requests it saw and how the client authenticated. */
export interface TokenRequestSeen {
  grantType: string;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
  accepted: boolean;
}

/** oauth2-mock-server (a third-party OpenID provider) on loopback, made to behave like a real one. */
export interface MockProvider {
  server: OAuth2Server;
  issuer: string;
  client: MockClient;
  tokenRequests: TokenRequestSeen[];
  close(): Promise<void>;
}

/**
 * Starts oauth2-mock-server on 127.0.0.1 with one RS256 key, configured the way a real provider
 * behaves where the mock, out of the box, does not:
 * - it checks the client's ID and secret (the mock accepts any client, or none) and answers
 *   `invalid_client` (RFC 6749 §5.2) otherwise; like the mock's own ID-token `aud`, the Basic
 *   credentials are read without form-decoding them (`basic-auth`), as Glewlwyd and LemonLDAP::NG do;
 * - its JWT access tokens carry `client_id` and `aud` (RFC 9068 §2.2 requires both; the mock puts
 *   neither), so that a resource server can tell whom a token was issued to;
 * - userinfo answers with the user's claims, not only `sub`.
 */
export async function startMockProvider(client: MockClient): Promise<MockProvider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  const tokenRequests: TokenRequestSeen[] = [];

  server.service.on('beforeTokenSigning', (token: MutableToken, req: TokenRequestIncomingMessage) => {
    // The ID token already has `aud` (the client ID the mock read from the request); the access token has none.
    if (token.payload.aud === undefined && req.body.grant_type !== 'client_credentials') {
      token.payload.aud = client.clientId;
      token.payload.client_id = client.clientId;
    }
  });
  server.service.on('beforeResponse', (response: MutableResponse, req: TokenRequestIncomingMessage) => {
    const seen = authenticate(client, req);
    tokenRequests.push({ grantType: req.body.grant_type, ...seen });
    if (!seen.accepted) {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: 'client authentication failed' };
    }
  });
  server.service.on('beforeUserinfo', (response: MutableResponse) => {
    response.body = { ...MOCK_USER };
  });

  await server.start(await freePort(), '127.0.0.1');
  return {
    server,
    issuer: server.issuer.url!,
    client,
    tokenRequests,
    close: () => server.stop(),
  };
}

/**
 * The `Authorization: Basic` credentials as the mock itself reads them (its `basic-auth` dependency):
 * Base64-decoded and split at the first `:`, not form-decoded.
 */
function basicCredentials(req: TokenRequestIncomingMessage): { name: string; pass: string } | undefined {
  const match = /^basic +([A-Za-z0-9+/]+=*) *$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString();
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { name: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** How the request authenticated the client, and whether that matches the registration. */
function authenticate(
  client: MockClient,
  req: TokenRequestIncomingMessage,
): Pick<TokenRequestSeen, 'method' | 'accepted'> {
  const body = req.body as TokenRequestIncomingMessage['body'] & { client_secret?: unknown };
  const basic = basicCredentials(req);
  if (basic) {
    const accepted =
      client.tokenEndpointAuthMethod === 'client_secret_basic' &&
      basic.name === client.clientId &&
      basic.pass === client.clientSecret &&
      body.client_secret === undefined;
    return { method: 'client_secret_basic', accepted };
  }
  if (body.client_secret !== undefined) {
    const accepted =
      client.tokenEndpointAuthMethod === 'client_secret_post' &&
      body.client_id === client.clientId &&
      body.client_secret === client.clientSecret;
    return { method: 'client_secret_post', accepted };
  }
  return { method: 'none', accepted: false };
}
