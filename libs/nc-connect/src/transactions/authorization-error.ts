import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/** The OAuth `error` of a callback as the library's error, with a message of our own. */
export function authorizationError(error: string): NcConnectError {
  switch (error) {
    case 'access_denied':
      return new NcConnectError(Code.ACCESS_DENIED, 'The login was cancelled at NC Connect.');
    case 'temporarily_unavailable':
      return new NcConnectError(
        Code.PROVIDER_UNAVAILABLE,
        'NC Connect is unavailable right now; please try again in a moment.',
      );
    case 'server_error':
      return new NcConnectError(Code.PROVIDER_ERROR, 'NC Connect could not complete the login.');
    default: {
      const shown = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown';
      return new NcConnectError(Code.AUTHORIZATION_ERROR, `NC Connect refused the login (${shown}).`);
    }
  }
}
