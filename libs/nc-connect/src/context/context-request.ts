import type { ExecutionContext } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../http/nc-connect-http.js';
import { handshakeOf } from '../websocket/websocket-handshake.js';

/**
 * The context a GraphQL server hands its resolvers: `req` (both Nest drivers, Apollo and Mercurius,
 * put the HTTP request there), `res` when an Apollo app adds it, `reply` with Mercurius.
 */
interface GraphQLContext {
  readonly req?: HttpRequest;
  readonly res?: HttpResponse;
  readonly reply?: HttpResponse;
}

/** A resolver is called with (root, args, context, info). */
const GRAPHQL_CONTEXT_INDEX = 2;

function graphqlContext(context: ExecutionContext): GraphQLContext {
  return context.getArgByIndex<GraphQLContext | undefined>(GRAPHQL_CONTEXT_INDEX) ?? {};
}

/**
 * The request a guard authenticates and on which it sets `user` (what `@CurrentUser()` reads), for
 * each kind of Nest handler, read from the handler's arguments so that neither `@nestjs/graphql`
 * nor `@nestjs/websockets` is loaded: an HTTP route's request (SSE included); a GraphQL resolver's
 * `context.req`; a WebSocket gateway's handshake (see `rememberHandshake`).
 */
export function contextRequest(context: ExecutionContext): HttpRequest {
  const type = context.getType<string>();
  if (type === 'http') return context.switchToHttp().getRequest<HttpRequest>();
  if (type === 'ws') return handshakeOf(context.switchToWs().getClient<object>());
  if (type === 'graphql') {
    const req = graphqlContext(context).req;
    if (req) return req;
    throw new Error(
      'An NC Connect guard found no request in the GraphQL context: keep `req` in the object your GraphQLModule `context` option returns.',
    );
  }
  throw new Error(
    `NC Connect guards know HTTP, GraphQL and WebSocket handlers, not "${type}": override getRequest() in a subclass.`,
  );
}

/**
 * The response of the request {@link contextRequest} returns, where there is one: an HTTP route's; a
 * GraphQL resolver's `context.res` (Apollo, when the app puts it there) or `context.reply`
 * (Mercurius); none for a WebSocket message.
 */
export function contextResponse(context: ExecutionContext): HttpResponse | undefined {
  const type = context.getType<string>();
  if (type === 'http') return context.switchToHttp().getResponse<HttpResponse>();
  if (type === 'graphql') {
    const { res, reply } = graphqlContext(context);
    return res ?? reply;
  }
  return undefined;
}
