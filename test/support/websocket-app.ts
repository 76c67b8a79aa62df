import { UseGuards } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import {
  CurrentUser,
  NcConnectBearerGuard,
  NcConnectGuard,
  rememberHandshake,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import WebSocket from 'ws';
import type { TestAppExtras } from './test-app.js';

/** What a handler answers: who the connection's user is, as `@CurrentUser()` sees it. */
function whoami(user: NcConnectUser) {
  return { event: 'whoami', data: { sub: user.sub, login: user.login } };
}

/** A dashboard's live channel, authenticated by the session cookie of the handshake. */
@WebSocketGateway({ path: '/live' })
@UseGuards(NcConnectGuard)
class LiveGateway implements OnGatewayConnection {
  handleConnection(client: WebSocket, request: IncomingMessage): void {
    rememberHandshake(client, request);
  }

  @SubscribeMessage('whoami')
  whoami(@CurrentUser() user: NcConnectUser) {
    return whoami(user);
  }
}

/** A mobile app's live channel, authenticated by a bearer token (header or `?access_token=`). */
@WebSocketGateway({ path: '/api/live' })
@UseGuards(NcConnectBearerGuard)
class ApiLiveGateway implements OnGatewayConnection {
  handleConnection(client: WebSocket, request: IncomingMessage): void {
    rememberHandshake(client, request);
  }

  @SubscribeMessage('whoami')
  whoami(@CurrentUser() user: NcConnectUser) {
    return whoami(user);
  }
}

/** A gateway whose author forgot `rememberHandshake`. */
@WebSocketGateway({ path: '/forgetful' })
@UseGuards(NcConnectGuard)
class ForgetfulGateway {
  @SubscribeMessage('whoami')
  whoami(@CurrentUser() user: NcConnectUser) {
    return whoami(user);
  }
}

/** What the WebSocket test app adds to the test app: the gateways, on `@nestjs/platform-ws`. */
export const websocketExtras: TestAppExtras = {
  providers: [LiveGateway, ApiLiveGateway, ForgetfulGateway],
  configure: (app) => app.useWebSocketAdapter(new WsAdapter(app)),
};

/** What a message got: an answer, or the connection closed. */
export type Outcome = { answer: unknown } | { closed: { code: number; reason: string } } | { silence: true };

/** A client connection of the tests. */
export class TestSocket {
  private constructor(private readonly socket: WebSocket) {}

  /** Connects to `url` (`ws://…`) with the handshake's `headers`. */
  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends `{ event }` and waits for the first answer or for the connection to close (2 s at most). */
  ask(event: string): Promise<Outcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ silence: true }), 2000);
      const onMessage = (data: WebSocket.RawData) => finish({ answer: JSON.parse(data.toString()) as unknown });
      const onClose = (code: number, reason: Buffer) => finish({ closed: { code, reason: reason.toString() } });
      const finish = (outcome: Outcome) => {
        clearTimeout(timer);
        this.socket.off('message', onMessage).off('close', onClose);
        resolve(outcome);
      };
      this.socket.on('message', onMessage).on('close', onClose);
      if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ event, data: {} }));
      else finish({ closed: { code: -1, reason: 'already closed' } });
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
