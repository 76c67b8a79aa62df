import session from 'express-session';
import { LRUCache } from 'lru-cache';
function expiresAt(data) {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires).getTime() : undefined;
}
/**
 * The default express-session store: in-process, bounded to `max` sessions (the least recently
 * used goes first when full) and expiring with the session cookie. Sessions are kept serialised
 * so that no request can mutate another's copy. One process only: use a shared store (Redis) to
 * run several instances.
 */
export class BoundedMemoryStore extends session.Store {
    sessions;
    constructor(max) {
        super();
        this.sessions = new LRUCache({ max });
    }
    get(sid, callback) {
        const raw = this.sessions.get(sid);
        if (raw === undefined)
            return callback(null, null);
        const data = JSON.parse(raw);
        const expires = expiresAt(data);
        if (expires !== undefined && expires <= Date.now()) {
            this.sessions.delete(sid);
            return callback(null, null);
        }
        callback(null, data);
    }
    set(sid, data, callback) {
        const expires = expiresAt(data);
        const ttl = expires === undefined ? undefined : Math.max(1, expires - Date.now());
        this.sessions.set(sid, JSON.stringify(data), { ttl });
        callback?.();
    }
    destroy(sid, callback) {
        this.sessions.delete(sid);
        callback?.();
    }
    /** Nothing to refresh: the expiry of a session does not move (no rolling sessions). */
    touch(_sid, _data, callback) {
        callback?.();
    }
    length(callback) {
        callback(null, this.sessions.size);
    }
    clear(callback) {
        this.sessions.clear();
        callback?.();
    }
}
//# sourceMappingURL=bounded-memory.store.js.map