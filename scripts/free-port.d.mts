/** Free ports on 127.0.0.1 from slice `slice` (see free-port.mjs). */
export function portAllocator(slice: number): () => Promise<number>;
/** A TCP port free on 127.0.0.1 right now, for scripts. */
export function freePort(): Promise<number>;
