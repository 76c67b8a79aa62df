import type { Request, Response } from 'express';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import type { LoginTransactionStore } from './login-transaction.js';
/** A login that completed: who logged in, and what the session needs. */
export interface CompletedLogin {
    user: NcConnectUser;
    idToken: string;
    returnTo: string;
}
/** What a login request may ask for. */
export interface LoginRequest {
    returnTo?: unknown;
    prompt?: unknown;
}
/**
 * The authorization code flow, both halves: {@link start} records a one-time transaction (state,
 * nonce, PKCE verifier, return path) server-side and bound to the browser; {@link finish} checks
 * the callback against it, redeems the code and builds the user.
 */
export declare class NcConnectLoginFlow {
    private readonly config;
    private readonly transactions;
    private readonly client;
    private readonly binding;
    constructor(config: NcConnectConfig, transactions: LoginTransactionStore, client: NcConnectClient);
    /** Starts a login and returns the URL of NC Connect's authorization endpoint. */
    start(req: Request, res: Response, request: LoginRequest): Promise<URL>;
    /** Completes the login the callback belongs to. @throws NcConnectError on any failure */
    finish(req: Request, res: Response): Promise<CompletedLogin>;
    /** The callback's OAuth parameters; each at most once and of bounded length. */
    private callbackParams;
}
