export { ACR_LEVELS_ENV, parseAcrLevels } from './cli-arguments.js';
export { DEMO_CLIENT, demoClientAt, demoClientFor } from './demo-client.js';
export { DEMO_PASSWORD, DEMO_PERSONAS } from './demo-personas.js';
export { NcConnectEmulatorOptionsError } from './emulator-options-error.js';
export type {
  NcConnectEmulator,
  NcConnectEmulatorClient,
  NcConnectEmulatorOptions,
  NcConnectFlavor,
} from './emulator-options.js';
export type { NcConnectPersona } from './nc-connect-persona.js';
export { startNcConnectEmulator } from './start-nc-connect-emulator.js';
