import type { HttpRequest, HttpResponse } from '../http/nc-connect-http.js';
import type { LiveSession } from './nc-connect-sessions.js';

/** What a request remembers of its session once read, and the response to clear a cookie on. */
export interface RequestState {
  readonly session: Promise<LiveSession | undefined>;
  res?: HttpResponse;
}

/**
 * Each request's session, read once per request, kept on the request under a private symbol (one
 * per instance, so that two realms never share it). A WeakMap keyed by requests costs far more: its
 * entries burden every garbage collection (about 12 µs per logged-in request on Fastify, profiled).
 */
export class RequestMemo {
  private readonly key = Symbol('nc-connect session');

  get(req: HttpRequest): RequestState | undefined {
    return (req as unknown as Record<symbol, RequestState | undefined>)[this.key];
  }

  set(req: HttpRequest, state: RequestState): void {
    (req as unknown as Record<symbol, RequestState>)[this.key] = state;
  }
}
