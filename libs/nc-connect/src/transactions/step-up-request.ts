import type { NcConnectAssurancePolicy, StepUpRequest } from '../assurance/assurance-policy.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';

/** What a login request may add to ask for more than a login (`?max_age=300&acr_values=eidas2`). */
export interface StepUpParams {
  maxAge?: unknown;
  acrValues?: unknown;
}

/** At most a year: a larger `max_age` asks nothing of anyone. */
const MAX_AGE = /^(0|[1-9]\d{0,7})$/;

/**
 * Reads the step-up parameters of a login request: `max_age` in whole seconds, `acr_values` one of
 * the `assurance.acrLevels`. `undefined` when there are none.
 * @throws NcConnectError `NC_CONNECT_REQUEST_INVALID` (400) for anything else
 */
export function readStepUp(params: StepUpParams, policy: NcConnectAssurancePolicy): StepUpRequest | undefined {
  const { maxAge, acrValues } = params;
  if (maxAge === undefined && acrValues === undefined) return undefined;
  if (maxAge !== undefined && !(typeof maxAge === 'number' ? MAX_AGE.test(String(maxAge)) : isText(maxAge, MAX_AGE))) {
    throw new NcConnectError(Code.REQUEST_INVALID, 'max_age must be a whole number of seconds.');
  }
  if (acrValues !== undefined && !(typeof acrValues === 'string' && policy.knowsAcr(acrValues))) {
    throw new NcConnectError(Code.REQUEST_INVALID, 'acr_values must be one of the acr levels of assurance.acrLevels.');
  }
  return {
    ...(maxAge !== undefined ? { maxAge: Number(maxAge) } : {}),
    ...(acrValues !== undefined ? { acr: acrValues } : {}),
  };
}

function isText(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}
