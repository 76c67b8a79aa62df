import { describe, expect, it } from '@jest/globals';
import { createNcConnectConfig, findOptionProblems } from '../config/nc-connect-config.js';
import type { NcConnectModuleOptions } from '../config/nc-connect-options.interface.js';

const valid: NcConnectModuleOptions = {
  issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
  clientId: 'my-service',
  clientSecret: 's3cret',
  redirectUri: 'https://service.gouv.nc/auth/callback',
  session: { secret: 'x'.repeat(32) },
};

function problems(audit: unknown): string[] {
  return findOptionProblems({ ...valid, audit } as NcConnectModuleOptions, {}).map((p) => `${p.option}: ${p.message}`);
}

describe('the audit options', () => {
  it('default to the event emitter (when the app has one), no listener, no personal data', () => {
    expect(createNcConnectConfig(valid, {}).audit).toEqual({
      listener: undefined,
      eventEmitter: true,
      includeUser: false,
    });
  });

  it('keep the listener and the flags given', () => {
    const listener = () => undefined;
    const config = createNcConnectConfig({ ...valid, audit: { listener, eventEmitter: false, includeUser: true } }, {});
    expect(config.audit).toEqual({ listener, eventEmitter: false, includeUser: true });
    expect(Object.isFrozen(config.audit)).toBe(true);
  });

  it('refuse a listener that is not a function', () => {
    expect(problems({ listener: 'journal' })).toEqual(['audit.listener: must be a function']);
  });

  it('refuse eventEmitter that is not a boolean', () => {
    expect(problems({ eventEmitter: 'yes' })).toEqual(['audit.eventEmitter: must be a boolean']);
  });

  it('refuse includeUser that is not a boolean', () => {
    expect(problems({ includeUser: 1 })).toEqual(['audit.includeUser: must be a boolean']);
  });
});
