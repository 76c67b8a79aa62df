import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Get,
  Injectable,
  UnauthorizedException,
  type ExecutionContext,
  type INestApplication,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { sign } from 'cookie-signature';
import request from 'supertest';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { NcConnectError } from '../errors/nc-connect-error.js';
import type { HttpRequest } from '../http/nc-connect-http.js';
import { NcConnectModule } from '../nc-connect.module.js';
import { MemorySessionStore } from '../session/memory-session.store.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { NcConnectBearerGuard } from './nc-connect-bearer.guard.js';
import { NcConnectGuard } from './nc-connect.guard.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const ISSUER = 'http://127.0.0.1:9/realm';
const jean: NcConnectUser = { sub: 'ppid-1', login: 'jean.dupont', claims: { sub: 'ppid-1' } };
const GUEST: NcConnectUser = { sub: 'guest', claims: { sub: 'guest' } };

/** Answers anonymous users its own way: a French 401, never a redirect. */
@Injectable()
class FrenchGuard extends NcConnectGuard {
  protected override handleAnonymous(): boolean {
    throw new UnauthorizedException('Connectez-vous avec NC Connect.');
  }
}

/** Knows one more transport: messages carrying the session cookie in their data. */
@Injectable()
class QueueGuard extends NcConnectGuard {
  protected override getRequest(context: ExecutionContext): HttpRequest {
    if (context.getType<string>() !== 'rpc') return super.getRequest(context);
    return { headers: { cookie: context.switchToRpc().getData<{ cookie?: string }>().cookie } };
  }
}

/** Lets requests without a token in as a guest (a demo mode); a bad token is still refused. */
@Injectable()
class GuestBearerGuard extends NcConnectBearerGuard {
  protected override handleAnonymous(_context: ExecutionContext, req: HttpRequest): boolean {
    req.user = GUEST;
    return true;
  }
}

@Controller()
class PagesController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }
}

/** Served with `GuestBearerGuard` installed globally. */
@Controller()
class ApiController {
  @Get('api')
  api(@CurrentUser('sub') sub: string) {
    return { sub };
  }
}

/** An RPC handler's context carrying `data`, as Nest's microservices make it. */
function rpcContext(data: unknown): ExecutionContext {
  return {
    getType: () => 'rpc',
    getHandler: () => PagesController.prototype.private,
    getClass: () => PagesController,
    switchToRpc: () => ({ getData: () => data, getContext: () => ({}) }),
  } as unknown as ExecutionContext;
}

/** A Nest app of `controller` behind `guard` (installed globally), with one session of Jean; returns it and that session's cookie. */
async function start(controller: Type, guard: Type, providers: Provider[] = []) {
  const store = new MemorySessionStore(10);
  const moduleRef = await Test.createTestingModule({
    imports: [
      NcConnectModule.forRoot({
        issuer: ISSUER,
        clientId: 'svc',
        clientSecret: 'secret',
        redirectUri: 'http://localhost:3000/auth/callback',
        session: { secret: SECRET, store },
      }),
    ],
    controllers: [controller],
    providers: [{ provide: APP_GUARD, useClass: guard }, ...providers],
  })
    .setLogger({ log() {}, warn() {}, error() {} })
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const now = Date.now();
  const record = { instance: 'default', issuer: ISSUER, user: jean, idToken: 'x.y.z', sub: jean.sub };
  await store.create('sid-1', { ...record, authenticatedAt: now, lastActiveAt: now }, { ttlMs: 60_000, maxPerKey: 5 });
  return { app, cookie: `nc_connect.sid=${encodeURIComponent(sign('sid-1', SECRET))}` };
}

describe('Subclasses of NcConnectGuard overriding its hooks', () => {
  let app: INestApplication;
  let cookie: string;

  beforeAll(async () => ({ app, cookie } = await start(PagesController, FrenchGuard, [QueueGuard])));
  afterAll(() => app?.close());

  it('handleAnonymous: an anonymous browser gets the app’s answer instead of the redirect', async () => {
    const response = await request(app.getHttpServer()).get('/private').set('Accept', 'text/html');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ message: 'Connectez-vous avec NC Connect.' });
    const loggedIn = await request(app.getHttpServer()).get('/private').set('Cookie', cookie);
    expect(loggedIn.body).toEqual({ sub: 'ppid-1' });
  });

  it('getRequest: another transport’s message is authenticated by the session it carries', async () => {
    const guard = app.get(QueueGuard);
    const data = { cookie };
    expect(await guard.canActivate(rpcContext(data))).toBe(true);
    await expect(guard.canActivate(rpcContext({}))).rejects.toBeInstanceOf(NcConnectError);
  });
});

describe('Subclasses of NcConnectBearerGuard overriding its hooks', () => {
  let app: INestApplication;

  beforeAll(async () => ({ app } = await start(ApiController, GuestBearerGuard)));
  afterAll(() => app?.close());

  it('the bearer guard’s handleAnonymous lets a request without a token in as a guest', async () => {
    const response = await request(app.getHttpServer()).get('/api');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'guest' });
  });

  it('a bearer token that is refused is not anonymous: still 401', async () => {
    const response = await request(app.getHttpServer()).get('/api').set('Authorization', 'Bearer #');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'NC_CONNECT_BEARER_TOKEN_INVALID' });
  });
});
