import type { HttpRequest } from '../http/nc-connect-http.js';
import type { NcConnectError } from '../errors/nc-connect-error.js';

/**
 * The HTTP request that opened a WebSocket connection, as `@nestjs/platform-ws` hands it to a
 * gateway's `handleConnection(client, request)` (a Node `IncomingMessage`).
 */
export interface WebSocketHandshake extends HttpRequest {
  /** The path and query the client connected to. */
  readonly url?: string;
}

/** A WebSocket connection as the `ws` package makes it (what `@nestjs/platform-ws` hands gateways). */
interface ClosableClient {
  close?(code?: number, reason?: string): void;
}

/** Connections are few and long-lived: a WeakMap costs nothing here and leaves the client untouched. */
const handshakes = new WeakMap<object, WebSocketHandshake>();

/**
 * Tells the NC Connect guards which request opened `client`, so that they can read its session
 * cookie or bearer token at each message: `@nestjs/platform-ws` hands the handshake only to
 * `handleConnection`. Call it there.
 *
 * @example
 * ```ts
 * handleConnection(client: WebSocket, request: IncomingMessage): void {
 *   rememberHandshake(client, request);
 * }
 * ```
 */
export function rememberHandshake(client: object, handshake: WebSocketHandshake): void {
  handshakes.set(client, handshake);
}

/** The handshake remembered for `client`. @throws Error naming the call to add when there is none */
export function handshakeOf(client: object): WebSocketHandshake {
  const handshake = handshakes.get(client);
  if (!handshake) {
    // A plain Error: Nest's WebSocket filter logs it (it does not log HTTP exceptions).
    throw new Error(
      "An NC Connect guard on a WebSocket gateway needs the connection's handshake: call rememberHandshake(client, request) in the gateway's handleConnection(client, request).",
    );
  }
  return handshake;
}

/**
 * The `access_token` query parameter of the handshake URL (RFC 6750 section 2.3): browsers cannot
 * set an `Authorization` header on a WebSocket, so this is where they put a bearer token.
 */
export function handshakeQueryToken(handshake: WebSocketHandshake): string | undefined {
  const url = handshake.url ?? '';
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get('access_token') ?? undefined;
}

/**
 * Ends a connection refused with `error`: close code 4000 + its HTTP status (4401, the usual code
 * for "unauthorized" among WebSocket protocols such as graphql-ws) and its code as the reason.
 */
export function closeRefused(client: object, error: NcConnectError): void {
  (client as ClosableClient).close?.(4000 + error.httpStatus, error.code);
}
