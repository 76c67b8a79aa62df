import { NcConnectAssurancePolicy } from '../assurance/assurance-policy.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { NcConnectClient } from '../provider/nc-connect-client.js';
import type { NcConnectTestingOptions } from './nc-connect-testing-options.js';

/**
 * The assurance rules of `NcConnectTestingModule`: the app's `assurance.acrLevels`, no clock
 * tolerance, the library's own pages, and a provider that offers every level (so that an `acr`
 * requirement steps up, as with a realm that has it).
 */
export function testingAssurancePolicy(options: NcConnectTestingOptions): NcConnectAssurancePolicy {
  const acrLevels = [...(options.assurance?.acrLevels ?? [])];
  const config = { assurance: { acrLevels }, clockTolerance: 0 } as Partial<NcConnectConfig>;
  const metadata = { acr_values_supported: acrLevels };
  const client = { discover: async () => ({ config: { serverMetadata: () => metadata } }) };
  return new NcConnectAssurancePolicy(config as NcConnectConfig, client as unknown as NcConnectClient);
}
