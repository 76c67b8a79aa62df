import type { ExecutionContext } from '@nestjs/common';
import type { NcConnectError } from '../errors/nc-connect-error.js';
import { closeRefused } from '../websocket/websocket-handshake.js';

/**
 * Refuses a request with `error` in the way its transport understands: thrown for HTTP routes (Nest
 * answers with its status and JSON body) and GraphQL resolvers (a GraphQL error whose
 * `extensions.code` is `UNAUTHENTICATED` for a 401); a WebSocket connection is closed (code 4401 for
 * a 401), since Nest's gateway filter would only send a generic message.
 * @returns `false` (the WebSocket message is then dropped by Nest)
 */
export function refuse(context: ExecutionContext, error: NcConnectError): false {
  if (context.getType<string>() !== 'ws') throw error;
  closeRefused(context.switchToWs().getClient<object>(), error);
  return false;
}
