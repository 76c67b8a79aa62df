import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import type { AssuranceRefusal } from './assurance-page.js';
import type { AssuranceShortfall } from './assurance-requirement.js';

/** Who is refused: a browser navigating to a page, a browser sending a form, or any other client. */
export type AssuranceRefused = 'page' | 'form' | 'other';

/**
 * The refusal of a session below a route's requirement when no step-up redirect is possible: a
 * `verified` level too low (403); for a browser, an `acr` level NC Connect does not offer (403,
 * `offered` false); a login to make again (401), with a page for a form (a POST cannot be replayed
 * after a login).
 */
export function assuranceRefusal(
  shortfall: AssuranceShortfall,
  refused: AssuranceRefused,
  offered: boolean,
): { error: NcConnectError; page?: AssuranceRefusal } {
  if (shortfall.verified !== undefined) {
    const error = new NcConnectError(
      Code.VERIFICATION_INSUFFICIENT,
      `This route needs an identity verified at NC Connect's level ${shortfall.verified} (verified claim) or more.`,
    );
    return { error, page: { code: Code.VERIFICATION_INSUFFICIENT, verified: shortfall.verified } };
  }
  if (refused !== 'other' && !offered) {
    const message = `This page needs the acr level ${shortfall.acr}, which NC Connect does not offer (acr_values_supported).`;
    return {
      error: new NcConnectError(Code.ASSURANCE_INSUFFICIENT, message),
      page: { code: Code.ASSURANCE_INSUFFICIENT },
    };
  }
  const error = new NcConnectError(
    Code.STEP_UP_REQUIRED,
    'This request needs a more recent or stronger NC Connect login.',
  );
  return refused === 'form' ? { error, page: { code: Code.STEP_UP_REQUIRED } } : { error };
}
