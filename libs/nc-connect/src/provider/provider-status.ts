import { Injectable } from '@nestjs/common';

/** Where the library last met a configuration error with NC Connect. */
export type ConfigurationCheck = 'discovery' | 'client authentication';

/** A configuration error the library met, and when. */
export interface ConfigurationProblem {
  check: ConfigurationCheck;
  /** What to fix, naming the settings (not their values); never a secret. */
  detail: string;
  since: Date;
}

/**
 * What the library has learnt, while working, about this instance's configuration at NC Connect:
 * the last configuration error of discovery (a wrong issuer or realm path) and of client
 * authentication (`invalid_client`), each until the same step next succeeds. The health indicator
 * reports them, so that a wrong client secret shows up as a configuration problem, not as an outage
 * nor as "up" because discovery works.
 */
@Injectable()
export class NcConnectProviderStatus {
  private readonly problems = new Map<ConfigurationCheck, ConfigurationProblem>();

  /** Records a configuration error met at `check` (the first time is kept as `since`). */
  failed(check: ConfigurationCheck, detail: string): void {
    const since = this.problems.get(check)?.since ?? new Date();
    this.problems.set(check, { check, detail, since });
  }

  /** `check` worked: its configuration error, if any, is over. */
  succeeded(check: ConfigurationCheck): void {
    this.problems.delete(check);
  }

  /** The configuration errors met and not yet cleared by a success. */
  configurationProblems(): ConfigurationProblem[] {
    return [...this.problems.values()];
  }
}
