import * as client from 'openid-client';

/**
 * One credential as `application/x-www-form-urlencoded` encodes it (the WHATWG form serializer):
 * letters, digits, `*`, `-`, `.` and `_` stay as they are, a space becomes `+`, every other byte of
 * its UTF-8 form is percent-encoded.
 */
export function formEncodeCredential(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * `client_secret_basic` that every provider accepts. RFC 6749 §2.3.1 form-encodes the client ID and
 * secret before Base64; openid-client 6 also percent-encodes `-`, `_`, `.`, `!`, `~`, `*`, `'`, `(`
 * and `)`, which Keycloak decodes but Glewlwyd, LemonLDAP::NG and oauth2-mock-server do not (they look
 * up a client called `nc%2Dsample`). Form-encoding leaves `-`, `_`, `.` and `*` alone, so an ID or
 * secret made of letters, digits and those characters goes through unchanged, and both kinds of
 * server read the same credentials.
 */
export function ClientSecretBasic(clientSecret: string): client.ClientAuth {
  return (_server, metadata, _body, headers) => {
    const credentials = `${formEncodeCredential(metadata.client_id)}:${formEncodeCredential(clientSecret)}`;
    headers.set('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
  };
}
