import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/**
 * Runs a store operation; its failure (Redis down or stalled) answers 503
 * `NC_CONNECT_SESSION_UNAVAILABLE` with `message`, never a 500.
 */
export function storeCall<T>(operation: () => Promise<T>, message: string): Promise<T> {
  return operation().catch((cause: unknown) => {
    throw cause instanceof NcConnectError ? cause : new NcConnectError(Code.SESSION_UNAVAILABLE, message, { cause });
  });
}
