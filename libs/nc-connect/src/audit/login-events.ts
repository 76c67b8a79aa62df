import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import type { AuditEventInput, NcConnectOutcome } from './nc-connect-audit-event.js';

/** Failures that are a refusal (by the user, the app or the assurance rules), not a fault. */
const REFUSALS = new Set<string>([Code.ACCESS_DENIED, Code.USER_REFUSED, Code.ASSURANCE_INSUFFICIENT]);

/** The outcome of a failure: its code, or `NC_CONNECT_INTERNAL_ERROR` for anything unexpected (as the error filter answers). */
export function outcomeOf(err: unknown): Exclude<NcConnectOutcome, 'ok'> {
  return err instanceof NcConnectError ? err.code : Code.INTERNAL;
}

/** The audit event of a login that did not succeed: refused or failed, with the `sub` when it was known. */
export function loginFailureEvent(stage: 'start' | 'callback', err: unknown, sub?: string): AuditEventInput {
  const outcome = outcomeOf(err);
  const who = sub === undefined ? {} : { sub };
  if (stage === 'callback' && REFUSALS.has(outcome)) return { type: 'login.refused', outcome, ...who };
  return { type: 'login.failed', outcome, stage, ...who };
}
