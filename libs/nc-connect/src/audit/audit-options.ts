import type { NcConnectAuditEvent } from './nc-connect-audit-event.js';

/** Where the library's audit events go (see `NcConnectAuditEvent`). */
export interface NcConnectAuditOptions {
  /**
   * Called with every audit event, after the fact (a login has already succeeded or failed). What it
   * throws, or the promise it returns rejects with, is logged and never changes the answer.
   * With `forRootAsync`, a `useFactory` can hand it a service of the app (an access journal).
   */
  listener?: (event: NcConnectAuditEvent) => void | Promise<void>;
  /**
   * Emit every event through `@nestjs/event-emitter`'s `EventEmitter2` as `nc-connect.<type>`
   * (`@OnEvent('nc-connect.login.succeeded')`), when the app imports `EventEmitterModule`.
   * @default true
   */
  eventEmitter?: boolean;
  /**
   * Add the NC Connect user (`NcConnectUser`: name, e-mail, birthdate…) to `login.succeeded` events.
   * Personal data: turn it on only when the journal needs it and may keep it. @default false
   */
  includeUser?: boolean;
}
