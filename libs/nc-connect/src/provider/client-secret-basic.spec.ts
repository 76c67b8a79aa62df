import { describe, expect, it } from '@jest/globals';
import * as client from 'openid-client';
import { ClientSecretBasic, formEncodeCredential } from './client-secret-basic.js';

/** The credentials an `Authorization: Basic` header carries, before any decoding. */
function basicOf(auth: client.ClientAuth, clientId: string): string {
  const headers = new Headers();
  auth({ issuer: 'https://connect.gouv.nc' }, { client_id: clientId }, new URLSearchParams(), headers);
  return Buffer.from(headers.get('authorization')!.replace(/^Basic /, ''), 'base64').toString();
}

describe('client_secret_basic', () => {
  it.each([
    ['nc-sample', 'nc-sample'],
    ['a_b.c-d*e', 'a_b.c-d*e'],
    ['with space', 'with+space'],
    ['a+b/c=d', 'a%2Bb%2Fc%3Dd'],
    ['x:y', 'x%3Ay'],
    ["!~'()", '%21%7E%27%28%29'],
    ['100%', '100%25'],
    ['é', '%C3%A9'],
  ])('form-encodes %j as %j', (value, encoded) => {
    expect(formEncodeCredential(value)).toBe(encoded);
    expect(decodeURIComponent(encoded.replace(/\+/g, ' '))).toBe(value);
  });

  it('sends an ID and secret of letters, digits, "-", "_", "." and "*" unchanged', () => {
    expect(basicOf(ClientSecretBasic('s3cr.et_-*'), 'nc-sample_1.0')).toBe('nc-sample_1.0:s3cr.et_-*');
  });

  it('differs from openid-client, which percent-encodes "-", "_" and "."', () => {
    expect(basicOf(client.ClientSecretBasic('a-b'), 'nc-sample')).toBe('nc%2Dsample:a%2Db');
  });
});
