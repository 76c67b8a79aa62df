/**
 * What a failure to work with NC Connect asks of the operator: `configuration`, a setting to fix
 * (retrying will not help); `outage`, NC Connect or the network failing for now (the next request
 * tries again).
 */
export type FailureKind = 'configuration' | 'outage';

/**
 * The kind of failure an HTTP status from NC Connect means: a 4xx (other than 408 and 429) says the
 * request itself is wrong (a wrong realm path answers 404), so a setting; anything else is an outage.
 */
export function failureKindOfStatus(status: number): FailureKind {
  return status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'configuration' : 'outage';
}
