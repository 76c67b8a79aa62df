import type { Store } from 'express-session';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import type { NcConnectModuleOptions, NcConnectTokenEndpointAuthMethod } from './nc-connect-options.interface.js';
/** The validated, fully-defaulted, frozen configuration every part of the library injects. */
export interface NcConnectConfig {
    readonly issuer: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    readonly postLogoutRedirectUri?: string;
    readonly scope: string;
    readonly tokenEndpointAuthMethod: NcConnectTokenEndpointAuthMethod;
    /** Seconds. */
    readonly clockTolerance: number;
    /** Milliseconds. */
    readonly httpTimeout: number;
    /** Seconds. */
    readonly loginTimeout: number;
    /** True when the issuer is plain http on a loopback host. */
    readonly allowInsecureRequests: boolean;
    readonly session: {
        readonly secrets: readonly string[];
        /** True when no secret was configured and a random one was generated for this process. */
        readonly generatedSecret: boolean;
        readonly cookieName: string;
        readonly secure: boolean;
        /** Seconds. */
        readonly maxAge: number;
        readonly store?: Store;
        readonly maxSessions: number;
    };
    readonly validateUser?: (user: NcConnectUser) => unknown;
}
/** One problem found in the options. */
export interface NcConnectOptionProblem {
    /** The option's path, e.g. `session.secret`. */
    option: string;
    message: string;
}
/** True for `localhost`, `127.0.0.0/8` and `[::1]`. */
export declare function isLoopbackHost(hostname: string): boolean;
/** Every problem in `options`, in a stable order; empty when they are valid. */
export declare function findOptionProblems(options: NcConnectModuleOptions, env?: NodeJS.ProcessEnv): NcConnectOptionProblem[];
/**
 * Validates the module options into a frozen {@link NcConnectConfig}.
 * @throws NcConnectError `NC_CONNECT_CONFIG_INVALID` listing every problem, one per line.
 */
export declare function createNcConnectConfig(options: NcConnectModuleOptions, env?: NodeJS.ProcessEnv): NcConnectConfig;
