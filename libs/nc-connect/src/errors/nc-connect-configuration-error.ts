import { inspect } from 'node:util';

import { NcConnectError, NcConnectErrorCode } from './nc-connect-error.js';

/**
 * `NC_CONNECT_CONFIG_INVALID`: options the library cannot run with, found at start-up. Its message
 * names every setting to fix; printed (by Nest's start-up handler, or by Node for an unhandled
 * rejection) it shows that message alone, without the stack and the HTTP fields of
 * {@link NcConnectError}, which say nothing to whoever configures the app.
 */
export class NcConnectConfigurationError extends NcConnectError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(NcConnectErrorCode.CONFIG_INVALID, message, options);
    this.name = 'NcConnectConfigurationError';
  }

  [inspect.custom](): string {
    return `${this.name} (${this.code}): ${this.message}`;
  }
}
