import { Logger } from '@nestjs/common';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectError } from '../errors/nc-connect-error.js';
import { clientAuthFailure, oauthErrorCode } from './client-auth-failure.js';
import { describeFailure } from './describe-failure.js';
import { mapProviderError, type ProviderStep } from './map-provider-error.js';
import type { NcConnectProviderStatus } from './provider-status.js';

const logger = new Logger('NcConnect');

/**
 * A failure of a call authenticated as the client (token endpoint, introspection) as the library's
 * error. A refused client (`invalid_client`, `unauthorized_client`) is a configuration error: logged
 * at error level with the settings to check, and reported to the provider status.
 * @param during what the call was for, e.g. `the code exchange`
 */
export function clientCallFailure(
  err: unknown,
  during: string,
  step: ProviderStep,
  options: NcConnectConfig,
  status: NcConnectProviderStatus,
): NcConnectError {
  const refused = clientAuthFailure(err, during, options);
  if (!refused) return mapProviderError(err, step);
  const detail = describeFailure(refused.cause);
  // The health details may be public: the settings' names only, not their values.
  status.failed(
    'client authentication',
    `NC Connect refused this client (${oauthErrorCode(err)}) during ${during}: check the settings clientId, ` +
      `clientSecret or clientKey, and tokenEndpointAuthMethod`,
  );
  logger.error(`${refused.code}: ${detail} (a configuration error: retrying will not help until it is fixed)`);
  return refused;
}
