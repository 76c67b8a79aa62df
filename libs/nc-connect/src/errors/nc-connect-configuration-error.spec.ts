import { describe, expect, it, jest } from '@jest/globals';
import { ConsoleLogger } from '@nestjs/common';
import { inspect } from 'node:util';

import { createNcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectModuleOptions } from '../config/nc-connect-options.interface.js';
import { NcConnectConfigurationError } from './nc-connect-configuration-error.js';
import { NcConnectError } from './nc-connect-error.js';

const INSECURE: NcConnectModuleOptions = {
  issuer: 'http://nc.example/realms/nc-connect',
  clientId: 'my-service',
  clientSecret: 'secret',
  redirectUri: 'http://localhost:3000/auth/callback',
};

function configurationError(): NcConnectConfigurationError {
  try {
    createNcConnectConfig(INSECURE, {});
  } catch (error) {
    return error as NcConnectConfigurationError;
  }
  throw new Error('the options were accepted');
}

describe('NcConnectConfigurationError', () => {
  it('is an NcConnectError with the NC_CONNECT_CONFIG_INVALID code', () => {
    const error = configurationError();
    expect(error).toBeInstanceOf(NcConnectConfigurationError);
    expect(error).toBeInstanceOf(NcConnectError);
    expect(error.code).toBe('NC_CONNECT_CONFIG_INVALID');
  });

  it('prints as its message alone, without a stack or HTTP fields', () => {
    expect(inspect(configurationError())).toBe(
      'NcConnectConfigurationError (NC_CONNECT_CONFIG_INVALID): NcConnect options are invalid:\n' +
        '- issuer: must use https (plain http is accepted only on localhost, 127.0.0.1 and [::1])',
    );
  });

  it('is logged that way by the logger Nest reports start-up failures with', () => {
    const written: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      new ConsoleLogger('ExceptionHandler', { colors: false }).error(configurationError());
    } finally {
      stderr.mockRestore();
    }
    const output = written.join('');
    expect(output).toContain('- issuer: must use https');
    expect(output).not.toMatch(/statusCode|extensions|\n\s+at /);
  });
});
