import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** One private key of the app, for `private_key_jwt`: a JWK object or a PEM string. */
export type NcConnectClientKey = JWK | string;

/** A validated client key: what signs client assertions and what the JWKS route publishes. */
export interface ClientSigningKey {
  /** The JWS algorithm of its client assertions, e.g. `RS256`. */
  readonly alg: string;
  readonly kid: string;
  /** The private JWK (with `alg` and `kid`), to import for signing; never published. */
  readonly privateJwk: Readonly<JWK>;
  /** The public JWK (`kty`, its public members, `kid`, `alg`, `use: sig`), for the JWKS route. */
  readonly publicJwk: Readonly<JWK>;
}

const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_ALGORITHMS: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
const MIN_RSA_BITS = 2048;

/** The public members RFC 7638 hashes into a key's thumbprint, by key type. */
const THUMBPRINT_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

/** The RFC 7638 SHA-256 thumbprint of a public JWK, base64url. */
function thumbprint(jwk: JsonWebKey): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty as string] ?? [];
  const canonical = JSON.stringify(Object.fromEntries(members.map((name) => [name, jwk[name]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The algorithms a key of this type can sign with; the first is the default. */
function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return RSA_ALGORITHMS;
    case 'rsa-pss':
      return RSA_ALGORITHMS.filter((alg) => alg.startsWith('PS'));
    case 'ec': {
      const alg = EC_ALGORITHMS[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return alg ? [alg] : [];
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    default:
      return [];
  }
}

function parsePrivateKey(value: unknown): KeyObject | string {
  const notAKey = 'must be a private key: a JWK object, or a PEM string ("-----BEGIN PRIVATE KEY-----")';
  if (typeof value === 'string') {
    if (/-----BEGIN [A-Z ]*PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(value)) {
      return 'must be a private key, not a public key or certificate';
    }
    try {
      return createPrivateKey(value);
    } catch {
      return notAKey;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notAKey;
  const jwk = value as JWK;
  if (jwk.kty === 'oct') return 'must be an asymmetric key (RSA, EC or OKP): a shared secret belongs in clientSecret';
  if (jwk.d === undefined) return 'must be a private key (a JWK with "d"), not a public one';
  try {
    return createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return notAKey;
  }
}

/**
 * Validates one client key.
 * @returns the key, or the problem (a message to prefix with the option's name)
 */
export function readClientKey(value: unknown): ClientSigningKey | string {
  const key = parsePrivateKey(value);
  if (typeof key === 'string') return key;
  const algorithms = algorithmsFor(key);
  if (algorithms.length === 0) {
    return `must be a signing key (RSA, EC P-256/P-384/P-521 or Ed25519), got ${key.asymmetricKeyType ?? 'unknown'}`;
  }
  if (
    (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') &&
    (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS
  ) {
    return `must be an RSA key of at least ${MIN_RSA_BITS} bits`;
  }
  const given = typeof value === 'object' ? (value as JWK) : {};
  if (given.use !== undefined && given.use !== 'sig') return `"use" must be "sig", got "${String(given.use)}"`;
  const alg = given.alg ?? algorithms[0];
  if (!algorithms.includes(alg)) {
    return `"alg" ${JSON.stringify(alg)} does not fit this ${key.asymmetricKeyType} key (one of ${algorithms.join(', ')})`;
  }
  const publicMembers = createPublicKey(key).export({ format: 'jwk' });
  const kid = typeof given.kid === 'string' && given.kid !== '' ? given.kid : thumbprint(publicMembers);
  const publicJwk = Object.freeze({ ...publicMembers, kid, alg, use: 'sig' } as JWK);
  const privateJwk = Object.freeze({ ...key.export({ format: 'jwk' }), kid, alg } as JWK);
  return Object.freeze({ alg, kid, privateJwk, publicJwk });
}

/**
 * Validates `clientKey`: one key or a list of them (rotation: the first signs, all are published).
 * @returns the keys, and the problems as `{ option, message }`
 */
export function readClientKeys(
  value: unknown,
  authMethod: string,
): { keys: ClientSigningKey[]; problems: { option: string; message: string }[] } {
  const problems: { option: string; message: string }[] = [];
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (authMethod === 'private_key_jwt') {
      problems.push({ option: 'clientKey', message: 'required with tokenEndpointAuthMethod private_key_jwt' });
    }
    return { keys: [], problems };
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const keys: ClientSigningKey[] = [];
  list.forEach((entry, i) => {
    const option = Array.isArray(value) ? `clientKey[${i}]` : 'clientKey';
    const key = readClientKey(entry);
    if (typeof key === 'string') problems.push({ option, message: key });
    else keys.push(key);
  });
  const kids = keys.map((key) => key.kid);
  const repeated = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (repeated !== undefined) problems.push({ option: 'clientKey', message: `two keys have the kid "${repeated}"` });
  return { keys, problems };
}
