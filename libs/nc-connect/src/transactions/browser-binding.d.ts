import type { Request, Response } from 'express';
/**
 * Binds a login transaction to the browser that started it: a random value in a short-lived,
 * httpOnly cookie scoped to the callback path, whose hash the transaction keeps. A callback URL
 * replayed in another browser (login CSRF, a leaked link) finds no cookie and is refused. One
 * cookie per transaction, named after its state, so that two tabs can log in at once.
 */
export declare class BrowserBinding {
    private readonly settings;
    constructor(settings: {
        callbackPath: string;
        secure: boolean;
        maxAgeSeconds: number;
    });
    /** Sets the cookie for `state` and returns the hash to keep in the transaction. */
    bind(res: Response, state: string): string;
    /** True when this browser holds the cookie of `state` matching `bindingHash`; clears the cookie. */
    verify(req: Request, res: Response, state: string, bindingHash: string): boolean;
}
