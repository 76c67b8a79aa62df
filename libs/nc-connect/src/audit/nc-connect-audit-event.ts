import type { AssuranceShortfall } from '../assurance/assurance-requirement.js';
import type { NcConnectErrorCode } from '../errors/nc-connect-error.js';
import type { NcConnectUser, NcConnectVerificationLevel } from '../user/nc-connect-user.js';

/** How something ended: `'ok'`, or the library's error code (`NC_CONNECT_…`) of the failure or refusal. */
export type NcConnectOutcome = 'ok' | NcConnectErrorCode;

/** What every audit event carries. Never a token; personal data only with `audit.includeUser`. */
export interface NcConnectAuditEventBase {
  /** The `NcConnectModule` instance (`'default'` unless registered with `name`). */
  readonly instance: string;
  /** When it happened. */
  readonly time: Date;
  /** The user's pairwise `sub` at NC Connect, when known. */
  readonly sub?: string;
  readonly outcome: NcConnectOutcome;
}

/** A login completed and its session started. */
export interface NcConnectLoginSucceededEvent extends NcConnectAuditEventBase {
  readonly type: 'login.succeeded';
  readonly outcome: 'ok';
  readonly sub: string;
  /** True for a step-up login (asked for with `max_age` or `acr_values`). */
  readonly stepUp: boolean;
  /** The login's `verified` level and `acr`. */
  readonly assurance: { readonly verified?: NcConnectVerificationLevel; readonly acr?: string };
  /** The NC Connect user (name, e-mail, birthdate…): only with `audit.includeUser: true`. */
  readonly user?: NcConnectUser;
}

/**
 * A login NC Connect answered but that was not accepted: the user cancelled at NC Connect
 * (`NC_CONNECT_ACCESS_DENIED`), `validateUser` refused the user (`NC_CONNECT_USER_REFUSED`), or a
 * step-up login came back with less than it asked for (`NC_CONNECT_ASSURANCE_INSUFFICIENT`).
 */
export interface NcConnectLoginRefusedEvent extends NcConnectAuditEventBase {
  readonly type: 'login.refused';
  readonly outcome: NcConnectErrorCode;
}

/** A login that failed, when it started (`stage: 'start'`) or at its callback; `outcome` says why. */
export interface NcConnectLoginFailedEvent extends NcConnectAuditEventBase {
  readonly type: 'login.failed';
  readonly outcome: NcConnectErrorCode;
  readonly stage: 'start' | 'callback';
}

/** A user logged out through the library (`/auth/logout`, or `NcConnectLogout.logOut()`). */
export interface NcConnectLogoutEvent extends NcConnectAuditEventBase {
  readonly type: 'logout';
  readonly outcome: 'ok';
  readonly sub: string;
}

/**
 * NC Connect's back-channel logout: sessions of a user (`sub`) or of an NC Connect session ended
 * (`outcome: 'ok'`), or a logout token refused (`NC_CONNECT_LOGOUT_TOKEN_INVALID`).
 */
export interface NcConnectBackchannelLogoutEvent extends NcConnectAuditEventBase {
  readonly type: 'backchannel-logout';
  /** How many local sessions ended. */
  readonly sessions: number;
}

/** A session found past its idle timeout or its absolute lifetime (`session.maxAge`), and ended. */
export interface NcConnectSessionExpiredEvent extends NcConnectAuditEventBase {
  readonly type: 'session.expired';
  readonly outcome: 'ok';
  readonly sub: string;
  readonly reason: 'idle' | 'max-age';
}

/** A logged-in user sent to a new login by `@RequireAssurance()` (a login too old or of too low an `acr`). */
export interface NcConnectStepUpEvent extends NcConnectAuditEventBase {
  readonly type: 'step-up';
  readonly outcome: 'NC_CONNECT_STEP_UP_REQUIRED';
  readonly sub: string;
  /** What the login lacked. */
  readonly shortfall: AssuranceShortfall;
}

/** A session or a bearer token refused by `@RequireAssurance()`; `outcome` is the answer's code. */
export interface NcConnectAssuranceRefusedEvent extends NcConnectAuditEventBase {
  readonly type: 'assurance.refused';
  readonly outcome: NcConnectErrorCode;
  readonly sub?: string;
  /** The session guard (`NcConnectGuard`) or the bearer guard (`NcConnectBearerGuard`). */
  readonly via: 'session' | 'bearer';
  readonly shortfall: AssuranceShortfall;
}

/**
 * An audit event of the library, told apart by `type`: what a service needs for an access journal.
 * Delivered to `audit.listener` and, when the app imports `EventEmitterModule` from
 * `@nestjs/event-emitter`, emitted as `nc-connect.<type>` (e.g. `nc-connect.login.succeeded`).
 */
export type NcConnectAuditEvent =
  | NcConnectLoginSucceededEvent
  | NcConnectLoginRefusedEvent
  | NcConnectLoginFailedEvent
  | NcConnectLogoutEvent
  | NcConnectBackchannelLogoutEvent
  | NcConnectSessionExpiredEvent
  | NcConnectStepUpEvent
  | NcConnectAssuranceRefusedEvent;

/** The `type` of every audit event. */
export type NcConnectAuditEventType = NcConnectAuditEvent['type'];

type WithoutStamp<E> = E extends NcConnectAuditEvent ? Omit<E, 'instance' | 'time'> : never;

/** An event as the library's parts report it; the instance and the time are added on delivery. */
export type AuditEventInput = WithoutStamp<NcConnectAuditEvent>;
