import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { CodeFlowStrategy } from './code-flow.strategy.js';
declare const NcConnectStrategy_base: new (flow: NcConnectLoginFlow) => CodeFlowStrategy & {
    validate(...args: any[]): unknown;
};
/**
 * The NC Connect passport strategy (`'nc-connect'`). Its `validate` runs the application's
 * `validateUser` hook; by default it keeps the {@link NcConnectUser} as it is.
 */
export declare class NcConnectStrategy extends NcConnectStrategy_base {
    private readonly config;
    constructor(flow: NcConnectLoginFlow, config: NcConnectConfig);
    validate(user: NcConnectUser): Promise<unknown>;
}
export {};
