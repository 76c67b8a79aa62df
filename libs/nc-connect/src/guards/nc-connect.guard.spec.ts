import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { sign } from 'cookie-signature';
import request from 'supertest';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { OptionalAuth } from '../decorators/optional-auth.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { NcConnectModule } from '../nc-connect.module.js';
import { MemorySessionStore } from '../session/memory-session.store.js';
import type { NcConnectSessionRecord } from '../session/nc-connect-session.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { NcConnectGuard } from './nc-connect.guard.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const ISSUER = 'http://127.0.0.1:9/realm';
const jean: NcConnectUser = {
  sub: 'ppid-1',
  login: 'jean.dupont',
  email: 'jean.dupont@example.nc',
  claims: { sub: 'ppid-1' },
};

@Controller()
class PagesController {
  @Get('private')
  private(@CurrentUser() user: NcConnectUser, @CurrentUser('email') email: string) {
    return { sub: user.sub, email };
  }

  @Post('private')
  change() {
    return { changed: true };
  }

  @Get('public')
  @Public()
  public(@CurrentUser() user?: NcConnectUser) {
    return { user: user ?? null };
  }

  @Get('optional')
  @OptionalAuth()
  optional(@CurrentUser('login') login?: string) {
    return { login: login ?? null };
  }
}

describe('NcConnectGuard installed globally, with @Public, @OptionalAuth and @CurrentUser', () => {
  let app: INestApplication;
  /** Counts session reads, to tell whether the guard loaded a session at all. */
  class CountingStore extends MemorySessionStore {
    reads = 0;
    override get(id: string) {
      this.reads++;
      return super.get(id);
    }
  }
  const store = new CountingStore(10);
  let cookie: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        NcConnectModule.forRoot({
          // Nothing listens there: the guard never talks to the provider.
          issuer: ISSUER,
          clientId: 'svc',
          clientSecret: 'secret',
          redirectUri: 'http://localhost:3000/auth/callback',
          session: { secret: SECRET, store },
        }),
      ],
      controllers: [PagesController],
      providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],
    })
      .setLogger({ log() {}, warn() {}, error() {} })
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();

    const record: NcConnectSessionRecord = {
      instance: 'default',
      issuer: ISSUER,
      user: jean,
      idToken: 'x.y.z',
      sub: jean.sub,
      authenticatedAt: Date.now(),
      lastActiveAt: Date.now(),
    };
    await store.create('sid-1', record, { ttlMs: 60_000, maxPerKey: 5 });
    await store.create(
      'sid-2',
      { ...record, issuer: 'https://another.example/realm' },
      { ttlMs: 60_000, maxPerKey: 5 },
    );
    await store.create('sid-3', { ...record, instance: 'agents' }, { ttlMs: 60_000, maxPerKey: 5 });
    cookie = `nc_connect.sid=${encodeURIComponent(sign('sid-1', SECRET))}`;
  });
  afterAll(() => app.close());

  it('lets a logged-in user through and injects the user and one of its fields', async () => {
    const response = await request(app.getHttpServer()).get('/private').set('Cookie', cookie);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub: 'ppid-1', email: 'jean.dupont@example.nc' });
  });

  it('redirects an anonymous browser to login, with the page it asked for', async () => {
    const response = await request(app.getHttpServer()).get('/private?x=1').set('Accept', 'text/html,*/*;q=0.8');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/auth/login?returnTo=%2Fprivate%3Fx%3D1');
  });

  it('answers 401 JSON to anonymous API clients', async () => {
    for (const accept of ['application/json', '*/*', undefined]) {
      const req = request(app.getHttpServer()).get('/private');
      const response = accept ? await req.set('Accept', accept) : await req;
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'NC_CONNECT_LOGIN_REQUIRED',
        message: 'You need to log in with NC Connect.',
      });
    }
  });

  it('answers 401, not a redirect, to a browser POST', async () => {
    const response = await request(app.getHttpServer()).post('/private').set('Accept', 'text/html');
    expect(response.status).toBe(401);
  });

  it('refuses a session cookie with a forged signature', async () => {
    const forged = `nc_connect.sid=${encodeURIComponent(sign('sid-1', 'another-secret-of-at-least-32-chars!!'))}`;
    const response = await request(app.getHttpServer()).get('/private').set('Cookie', forged);
    expect(response.status).toBe(401);
    // The useless cookie is dropped.
    expect(response.headers['set-cookie']?.[0]).toMatch(/^nc_connect\.sid=;.*Expires=Thu, 01 Jan 1970/);
  });

  it.each([
    ['another issuer', 'sid-2'],
    ['another instance', 'sid-3'],
  ])('refuses a validly signed cookie whose session belongs to %s (a shared store)', async (_, id) => {
    const foreign = `nc_connect.sid=${encodeURIComponent(sign(id, SECRET))}`;
    expect((await request(app.getHttpServer()).get('/private').set('Cookie', foreign)).status).toBe(401);
  });

  it('opens @Public() handlers without loading the session', async () => {
    const reads = store.reads;
    const response = await request(app.getHttpServer()).get('/public').set('Cookie', cookie);
    expect(store.reads).toBe(reads);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user: null });
  });

  it('lets anonymous users through @OptionalAuth() handlers and still knows a logged-in one', async () => {
    expect((await request(app.getHttpServer()).get('/optional')).body).toEqual({ login: null });
    expect((await request(app.getHttpServer()).get('/optional').set('Cookie', cookie)).body).toEqual({
      login: 'jean.dupont',
    });
  });
});
