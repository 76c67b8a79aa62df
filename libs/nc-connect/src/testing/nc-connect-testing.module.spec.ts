import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Post, Req, Res, UseGuards, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request, Response } from 'express';
import request from 'supertest';
import { CurrentUser } from '../decorators/current-user.decorator.js';
import { OptionalAuth } from '../decorators/optional-auth.decorator.js';
import { NcConnectGuard } from '../guards/nc-connect.guard.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import { NcConnectTokens } from '../session/nc-connect-tokens.js';
import { NcConnectTestingModule, NcConnectTestingUser } from './index.js';

/** An app's own user, as its `validateUser` would return it. */
interface Citizen {
  citizenId: number;
  sub: string;
}

@Controller()
@UseGuards(NcConnectGuard)
class CitizenController {
  constructor(
    private readonly tokens: NcConnectTokens,
    private readonly sessions: NcConnectSessions,
  ) {}

  @Get('me')
  me(@CurrentUser() citizen: Citizen) {
    return citizen;
  }

  @Get('token')
  @OptionalAuth() // so that an anonymous call reaches NcConnectTokens
  async token(@Req() req: Request) {
    return { accessToken: await this.tokens.getAccessToken(req) };
  }

  @Post('leave')
  async leave(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.end(req, res);
    return { left: true };
  }
}

describe('NcConnectTestingModule', () => {
  let app: INestApplication;
  let testing: NcConnectTestingUser;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [NcConnectTestingModule.forRoot({ routePrefix: 'citizens/auth' })],
      controllers: [CitizenController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    testing = moduleRef.get(NcConnectTestingUser);
  });
  afterAll(() => app?.close());

  it('starts anonymous without a user, and redirects browsers to the login route of routePrefix', async () => {
    await request(app.getHttpServer()).get('/me').expect(401);
    const page = await request(app.getHttpServer()).get('/me').set('accept', 'text/html').expect(302);
    expect(page.headers.location).toBe('/citizens/auth/login?returnTo=%2Fme');
  });

  it("injects the app's own user shape, and gives NcConnectTokens the testing access token", async () => {
    testing.logIn({ citizenId: 7, sub: 'ppid-7' } satisfies Citizen);
    await request(app.getHttpServer()).get('/me').expect(200, { citizenId: 7, sub: 'ppid-7' });
    await request(app.getHttpServer()).get('/token').expect(200, { accessToken: testing.accessToken });
  });

  it('logs the user out when the app ends the session itself', async () => {
    testing.logIn({ citizenId: 8, sub: 'ppid-8' });
    await request(app.getHttpServer()).post('/leave').expect(201);
    expect(testing.user).toBeUndefined();
    await request(app.getHttpServer()).get('/token').expect(401);
  });
});

describe('NcConnectTestingModule.forRoot({ user })', () => {
  it('logs that user in from the start', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [NcConnectTestingModule.forRoot({ user: { citizenId: 1, sub: 'ppid-1' } })],
      controllers: [CitizenController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/me').expect(200, { citizenId: 1, sub: 'ppid-1' });
    } finally {
      await app.close();
    }
  });
});
