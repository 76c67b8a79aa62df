import { describe, expect, it } from '@jest/globals';
import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createNcConnectConfig } from '../config/nc-connect-config.js';
import { RequireAssurance } from '../decorators/require-assurance.decorator.js';
import { NcConnectError } from '../errors/nc-connect-error.js';
import type { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectAssurancePolicy } from './assurance-policy.js';

const config = createNcConnectConfig(
  {
    issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
    clientId: 'my-service',
    clientSecret: 's3cret',
    redirectUri: 'https://service.gouv.nc/auth/callback',
    session: { secret: 'x'.repeat(32) },
    clockTolerance: 0,
    assurance: { acrLevels: ['eidas1', 'eidas2', 'eidas3'] },
  },
  {},
);
const policy = new NcConnectAssurancePolicy(config, {} as NcConnectClient);

@Controller()
@RequireAssurance({ verified: 1, acr: 'eidas2', maxAge: 600 })
class Strict {
  @Get()
  @RequireAssurance({ verified: 2, acr: 'eidas1', maxAge: 300 })
  both() {}

  @Get()
  inherited() {}
}

class Plain {
  open() {}
}

function context(handler: () => void, cls: object): ExecutionContext {
  return { getHandler: () => handler, getClass: () => cls } as unknown as ExecutionContext;
}

describe('NcConnectAssurancePolicy', () => {
  const reflector = new Reflector();

  it('combines a handler’s and its controller’s requirements, the stricter of each field', () => {
    const { both, inherited } = Strict.prototype;
    expect(policy.requirementOf(reflector, context(both, Strict))).toEqual({ verified: 2, acr: 'eidas2', maxAge: 300 });
    expect(policy.requirementOf(reflector, context(inherited, Strict))).toEqual({
      verified: 1,
      acr: 'eidas2',
      maxAge: 600,
    });
    expect(policy.requirementOf(reflector, context(Plain.prototype.open, Plain))).toBeUndefined();
  });

  it('names what a login lacks: verified level, acr by the ordered list, auth_time within maxAge', () => {
    const now = 1_000_000_000_000;
    const requirement = { verified: 2 as const, acr: 'eidas2', maxAge: 300 };
    expect(policy.shortfall(requirement, { verified: 2, acr: 'eidas3', authTime: now - 300_000 }, now)).toBeUndefined();
    expect(policy.shortfall(requirement, { verified: 1, acr: 'eidas1', authTime: now - 300_001 }, now)).toEqual({
      verified: 2,
      acr: 'eidas2',
      maxAge: 300,
    });
    // An acr outside the list, or none, never meets a level; a session without auth_time is stale.
    expect(policy.shortfall({ acr: 'eidas1' }, { acr: 'loa-high' }, now)).toEqual({ acr: 'eidas1' });
    expect(policy.shortfall({ maxAge: 300 }, {}, now)).toEqual({ maxAge: 300 });
  });

  it('refuses a requirement naming an acr that assurance.acrLevels does not list', () => {
    expect(() => policy.shortfall({ acr: 'eidas9' }, { acr: 'eidas3' })).toThrow(NcConnectError);
  });

  it('checks a step-up login: a lower acr or an older auth_time than asked is NC_CONNECT_ASSURANCE_INSUFFICIENT', () => {
    const now = 1_000_000_000_000;
    expect(() => policy.checkLogin({ acr: 'eidas2' }, { acr: 'eidas2', authTime: now }, now)).not.toThrow();
    expect(() => policy.checkLogin({ acr: 'eidas2' }, { acr: 'eidas1' }, now)).toThrow(
      expect.objectContaining({ code: 'NC_CONNECT_ASSURANCE_INSUFFICIENT' }),
    );
    expect(() => policy.checkLogin({ maxAge: 60 }, { authTime: now - 61_000 }, now)).toThrow(
      expect.objectContaining({ code: 'NC_CONNECT_ASSURANCE_INSUFFICIENT' }),
    );
  });
});

describe('@RequireAssurance()', () => {
  it.each([
    [{}, '@RequireAssurance(): give at least one of verified, acr and maxAge.'],
    [{ verified: 3 }, '@RequireAssurance(): verified must be 0, 1 or 2.'],
    [{ maxAge: -1 }, '@RequireAssurance(): maxAge must be a whole number of seconds, 0 or more.'],
    [{ acr: 'eidas 2' }, '@RequireAssurance(): acr must be a non-empty string without spaces.'],
  ])('refuses %j at startup', (requirement, message) => {
    expect(() => RequireAssurance(requirement as never)).toThrow(message);
  });
});
