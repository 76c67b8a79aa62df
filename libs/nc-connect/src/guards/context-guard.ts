import type { ExecutionContext } from '@nestjs/common';
import { contextRequest, contextResponse } from '../context/context-request.js';
import type { HttpRequest, HttpResponse } from '../http/nc-connect-http.js';

/**
 * What both NC Connect guards share: where they find the request they authenticate and the response
 * they answer on, for each kind of Nest handler. Subclasses of either guard override these hooks for
 * another transport.
 */
export abstract class NcConnectContextGuard {
  /**
   * The request that is authenticated, and on which `user` is set. By default the HTTP request (SSE
   * routes included), a GraphQL resolver's `context.req`, or a WebSocket connection's handshake (see
   * `rememberHandshake`). Override it for another transport.
   */
  protected getRequest(context: ExecutionContext): HttpRequest {
    return contextRequest(context);
  }

  /**
   * The response on which the guard writes (a cleared session cookie, a redirect's `Location`, a
   * `WWW-Authenticate` challenge), if there is one: by default the HTTP response, a GraphQL
   * context's `res` (Apollo, when the app puts it there) or `reply` (Mercurius), none for a
   * WebSocket message.
   */
  protected getResponse(context: ExecutionContext): HttpResponse | undefined {
    return contextResponse(context);
  }
}
