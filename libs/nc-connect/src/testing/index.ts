export { NcConnectTestingModule } from './nc-connect-testing.module.js';
export { NcConnectTestingUser } from './nc-connect-testing-user.js';
export type { NcConnectTestingOptions } from './nc-connect-testing-options.js';
export { sessionStoreContract, type SessionStoreCheck } from './session-store-contract.js';
