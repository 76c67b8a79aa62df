/** How long a Redis command may take: a Redis that stalls (rather than refusing connections) must not hang requests. */
export const REDIS_TIMEOUT_MS = 3000;

/**
 * `command`, or a rejection once {@link REDIS_TIMEOUT_MS} have passed without an answer. The
 * command stays queued in node-redis, which matches its late answer to it and nothing else.
 */
export async function withDeadline<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([command, stalled]);
  } finally {
    clearTimeout(timer);
  }
}
