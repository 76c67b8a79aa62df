import type { NcConnectError } from '../errors/nc-connect-error.js';
import type { AssuranceShortfall } from './assurance-requirement.js';

/** RFC 6750's quoted-string values: printable ASCII except `"` and `\`. */
function quoted(value: string): string {
  return `"${value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, ' ')}"`;
}

/**
 * The RFC 9470 challenge of a token whose authentication is too old or too weak:
 * `Bearer realm="nc-connect", error="insufficient_user_authentication", error_description="…"`,
 * then `acr_values="…"` and `max_age="…"` as the new login needs.
 */
export function stepUpChallenge(error: NcConnectError, shortfall: AssuranceShortfall): string {
  const params = [
    `realm="nc-connect"`,
    `error="insufficient_user_authentication"`,
    `error_description=${quoted(error.message)}`,
    ...(shortfall.acr !== undefined ? [`acr_values=${quoted(shortfall.acr)}`] : []),
    ...(shortfall.maxAge !== undefined ? [`max_age="${shortfall.maxAge}"`] : []),
  ];
  return `Bearer ${params.join(', ')}`;
}
