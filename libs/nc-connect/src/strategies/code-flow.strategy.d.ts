import type { Request } from 'express';
import { Strategy } from 'passport';
import type { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
/** What the strategy is asked to do: send the browser to NC Connect, or handle its callback. */
export interface CodeFlowAuthenticateOptions {
    action: 'login' | 'callback';
    returnTo?: string | string[];
    /** `prompt` as given to the login route (passport's own `prompt` option is a plain string). */
    requestedPrompt?: string | string[];
}
/** Passed with the user to passport's `success`, and found on `req.authInfo`. */
export interface CodeFlowInfo {
    idToken: string;
    returnTo: string;
    user: NcConnectUser;
}
type Verify = (user: NcConnectUser, done: (err: unknown, user?: unknown) => void) => void;
/**
 * A passport strategy for the OpenID Connect authorization code flow, with openid-client doing the
 * protocol through {@link NcConnectLoginFlow}. `verify` maps the NC Connect user to the
 * application's user; a falsy result refuses the login.
 */
export declare class CodeFlowStrategy extends Strategy {
    private readonly flow;
    private readonly verify;
    constructor(flow: NcConnectLoginFlow, verify: Verify);
    authenticate(req: Request, options: CodeFlowAuthenticateOptions): void;
}
export {};
