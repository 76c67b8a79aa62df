import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectAudit } from './nc-connect-audit.js';

const config = {
  instance: 'default',
  audit: { eventEmitter: true, includeUser: false },
} as unknown as NcConnectConfig;

/** An audit wired to `emitter`, as the module starts it. */
async function auditWith(emitter: EventEmitter2): Promise<NcConnectAudit> {
  const moduleRef = { get: () => emitter } as unknown as ModuleRef;
  const audit = new NcConnectAudit(config, moduleRef);
  await audit.onModuleInit();
  return audit;
}

describe('NcConnectAudit through @nestjs/event-emitter', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("logs an @OnEvent() listener's rejection (suppressErrors: false) instead of leaving it unhandled", async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const emitter = new EventEmitter2();
    // What @nestjs/event-emitter registers for @OnEvent(name, { suppressErrors: false }): an async
    // wrapper that rethrows. EventEmitter2's emit() drops the promise it returns.
    emitter.on('nc-connect.logout', async () => {
      throw new Error('the journal is down');
    });
    const audit = await auditWith(emitter);
    audit.record({ type: 'logout', outcome: 'ok', sub: 'pairwise-sub' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toHaveBeenCalledWith(
      'an @OnEvent() listener failed on the logout audit event (ignored): the journal is down',
    );
  });

  it('delivers the stamped event to the listener', async () => {
    const emitter = new EventEmitter2();
    const received: unknown[] = [];
    emitter.on('nc-connect.logout', (event: unknown) => received.push(event));
    (await auditWith(emitter)).record({ type: 'logout', outcome: 'ok', sub: 'pairwise-sub' });
    expect(received).toEqual([
      { type: 'logout', outcome: 'ok', sub: 'pairwise-sub', instance: 'default', time: expect.any(Date) },
    ]);
  });

  it("logs the rejection of a listener that returns another library's promise (a thenable)", async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const thenable = { then: (_ok: unknown, fail: (err: Error) => void) => fail(new Error('no journal')) };
    const audit = new NcConnectAudit(
      {
        ...config,
        audit: { eventEmitter: false, includeUser: false, listener: () => thenable },
      } as unknown as NcConnectConfig,
      { get: () => undefined } as unknown as ModuleRef,
    );
    await audit.onModuleInit();
    audit.record({ type: 'logout', outcome: 'ok', sub: 'pairwise-sub' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toHaveBeenCalledWith('audit.listener failed on the logout audit event (ignored): no journal');
  });
});
