import type { AssuranceShortfall } from './assurance-requirement.js';

/**
 * The login route's query for a step-up: `prompt=login` (NC Connect asks for the password again
 * even with a session of its own), `max_age` and `acr_values` as the shortfall needs.
 */
export function stepUpQuery(shortfall: AssuranceShortfall): string {
  const query = new URLSearchParams({ prompt: 'login' });
  if (shortfall.maxAge !== undefined) query.set('max_age', String(shortfall.maxAge));
  if (shortfall.acr !== undefined) query.set('acr_values', shortfall.acr);
  return query.toString();
}
