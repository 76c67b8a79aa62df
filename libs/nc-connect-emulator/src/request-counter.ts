/** Counts requests per endpoint name, for {@link NcConnectEmulator.requestCounts}. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  /** Adds one request to `endpoint`. */
  count(endpoint: string): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
  }

  /** A copy of the counts so far. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
