import type { ModuleRef } from '@nestjs/core';

/** What the library uses of `@nestjs/event-emitter`'s `EventEmitter2`. */
export interface AuditEmitter {
  /** Like `emit`, but returns the listeners' promises (an `@OnEvent()` listener is async): a rejection is caught, not left unhandled. */
  emitAsync(event: string, ...values: unknown[]): Promise<unknown[]>;
}

/**
 * The app's `EventEmitter2` (from `EventEmitterModule.forRoot()`), or `undefined` when the app does
 * not have `@nestjs/event-emitter` or does not import its module. The package is an optional peer
 * dependency: imported here only, when the module starts, so that an app without it loads the
 * library all the same (a static import of an absent package fails an ES module at load time).
 */
export async function findEventEmitter(moduleRef: ModuleRef): Promise<AuditEmitter | undefined> {
  let token: unknown;
  try {
    token = (await import('@nestjs/event-emitter')).EventEmitter2;
  } catch {
    return undefined;
  }
  try {
    return moduleRef.get(token as new () => AuditEmitter, { strict: false });
  } catch {
    return undefined;
  }
}
