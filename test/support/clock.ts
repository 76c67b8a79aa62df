import { jest } from '@jest/globals';

/**
 * Moves the clock of this process (the app under test included) forward by `ms` from where it is;
 * timers stay real, so servers and sockets behave normally. `jest.useRealTimers()` puts it back.
 */
export function advanceClock(ms: number): void {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    now: Date.now() + ms,
  });
}
