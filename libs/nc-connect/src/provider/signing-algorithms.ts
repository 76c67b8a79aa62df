import { SIGNING_ALGORITHMS } from '../config/nc-connect-config.js';

/**
 * The asymmetric signing algorithms, accepted on logout tokens and JWT access tokens. An HMAC made
 * with the client secret would let anyone holding that secret (every instance of a confidential
 * client) mint them.
 */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = SIGNING_ALGORITHMS.filter(
  (alg) => !alg.startsWith('HS') && alg !== 'Ed25519',
);
