/** The JWS algorithms a provider may sign with (`none` is not one). */
export const SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'HS256',
  'HS384',
  'HS512',
];

/**
 * The asymmetric signing algorithms, accepted on logout tokens and JWT access tokens. An HMAC made
 * with the client secret would let anyone holding that secret (every instance of a confidential
 * client) mint them.
 */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = SIGNING_ALGORITHMS.filter(
  (alg) => !alg.startsWith('HS') && alg !== 'Ed25519',
);
