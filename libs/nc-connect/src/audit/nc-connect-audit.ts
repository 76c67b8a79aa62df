import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { describeFailure } from '../provider/describe-failure.js';
import { findEventEmitter, type AuditEmitter } from './event-emitter-lookup.js';
import type { AuditEventInput, NcConnectAuditEvent } from './nc-connect-audit-event.js';

/**
 * Delivers one instance's audit events to `audit.listener` and to the app's `EventEmitter2`
 * (`nc-connect.<type>`). Nothing is built when nobody listens. A listener's failure is logged and
 * never reaches the request that caused the event. @internal
 */
@Injectable()
export class NcConnectAudit implements OnModuleInit {
  private readonly logger = new Logger('NcConnect');
  private emitter?: AuditEmitter;

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.audit.eventEmitter) this.emitter = await findEventEmitter(this.moduleRef);
  }

  /** Stamps `input` with the instance and the time and delivers it; personal data only with `includeUser`. */
  record(input: AuditEventInput): void {
    const { listener } = this.config.audit;
    if (!listener && !this.emitter) return;
    const stamped = { instance: this.config.instance, time: new Date(), ...input };
    if ('user' in stamped && !this.config.audit.includeUser) delete stamped.user;
    const event = Object.freeze(stamped) as NcConnectAuditEvent;
    if (listener) this.deliver(event, 'audit.listener', () => listener(event));
    const emitter = this.emitter;
    // emitAsync, not emit: with suppressErrors: false an @OnEvent() listener rejects, which emit
    // would leave unhandled (and Node ends the process on an unhandled rejection).
    if (emitter) {
      this.deliver(event, 'an @OnEvent() listener', () => emitter.emitAsync(`nc-connect.${event.type}`, event));
    }
  }

  private deliver(event: NcConnectAuditEvent, who: string, call: () => unknown): void {
    const failed = (err: unknown) =>
      this.logger.error(`${who} failed on the ${event.type} audit event (ignored): ${describeFailure(err)}`);
    try {
      const result = call();
      // Any thenable, not only a native Promise: a listener may return another library's promise.
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        Promise.resolve(result).catch(failed);
      }
    } catch (err) {
      failed(err);
    }
  }
}
