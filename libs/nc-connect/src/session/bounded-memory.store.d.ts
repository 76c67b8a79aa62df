import session from 'express-session';
type Callback = (err?: unknown) => void;
/**
 * The default express-session store: in-process, bounded to `max` sessions (the least recently
 * used goes first when full) and expiring with the session cookie. Sessions are kept serialised
 * so that no request can mutate another's copy. One process only: use a shared store (Redis) to
 * run several instances.
 */
export declare class BoundedMemoryStore extends session.Store {
    private readonly sessions;
    constructor(max: number);
    get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void;
    set(sid: string, data: session.SessionData, callback?: Callback): void;
    destroy(sid: string, callback?: Callback): void;
    /** Nothing to refresh: the expiry of a session does not move (no rolling sessions). */
    touch(_sid: string, _data: session.SessionData, callback?: Callback): void;
    length(callback: (err: unknown, length?: number) => void): void;
    clear(callback?: Callback): void;
}
export {};
