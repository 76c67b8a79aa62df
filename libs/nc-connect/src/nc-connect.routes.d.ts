/** Where the library's controller lives, resolved from the `routePrefix` extra. */
export interface NcConnectRoutes {
    /** e.g. `/auth`; `undefined` when the controller is disabled. */
    readonly prefix?: string;
    /** e.g. `/auth/login`; `undefined` when the controller is disabled. */
    readonly loginPath?: string;
}
/** Normalises `routePrefix` (`'auth'`, `'/auth/'`, `false`). */
export declare function resolveRoutes(routePrefix: string | false | undefined): NcConnectRoutes;
