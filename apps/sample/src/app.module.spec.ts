import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NcConnectUser } from 'nestjs-nc-connect';
import { NcConnectTestingModule, NcConnectTestingUser } from 'nestjs-nc-connect/testing';
import request from 'supertest';
import { AppModule, ncConnect } from './app.module.js';
import { createHttpAdapter, HTTP_ADAPTERS } from './http-adapter.js';

// The sample app's own tests, the way an app adopting the library writes them: the real AppModule
// (global NcConnectGuard, @Public, @OptionalAuth, @BearerAuth, @CurrentUser) with NC Connect
// swapped for NcConnectTestingModule. No provider, no network, no NC_CONNECT_* variables. On each
// HTTP adapter the sample runs on (HTTP_ADAPTER).

const jean: NcConnectUser = {
  sub: 'ppid-jean-dupont',
  login: 'jean.dupont',
  email: 'jean.dupont@example.nc',
  givenName: 'Jean Pierre',
  familyName: 'Dupont',
  verified: 2,
  claims: { sub: 'ppid-jean-dupont' },
};
const marie: NcConnectUser = {
  sub: 'ppid-marie-lefevre',
  login: 'marie.lefevre',
  givenName: 'Marie Claire',
  familyName: 'Lefèvre',
  verified: 1,
  claims: { sub: 'ppid-marie-lefevre' },
};
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe.each(HTTP_ADAPTERS)('the sample app on %s, tested with NcConnectTestingModule', (adapter) => {
  let app: INestApplication;
  let testing: NcConnectTestingUser;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(ncConnect)
      .useModule(NcConnectTestingModule.forRoot({ user: jean }))
      .compile();
    app = moduleRef.createNestApplication(await createHttpAdapter(adapter), { logger: false });
    await app.init();
    // Fastify answers supertest's requests once its plugins are loaded.
    if (adapter === 'fastify') await app.getHttpAdapter().getInstance().ready();
    testing = moduleRef.get(NcConnectTestingUser);
  });
  afterAll(() => app?.close());
  beforeEach(() => testing.logIn(jean));

  it('answers GET /api/profile with the logged-in user', async () => {
    const response = await request(app.getHttpServer()).get('/api/profile').expect(200);
    expect(response.body).toEqual(jean);
  });

  it('answers GET /api/profile with 401 JSON when anonymous', async () => {
    testing.logOut();
    const response = await request(app.getHttpServer()).get('/api/profile').expect(401);
    expect(response.body).toMatchObject({ code: 'NC_CONNECT_LOGIN_REQUIRED' });
  });

  it('redirects an anonymous browser from /profile to the login route, to come back after login', async () => {
    testing.logOut();
    const response = await request(app.getHttpServer()).get('/profile').set(BROWSER).expect(302);
    expect(response.headers.location).toBe('/auth/login?returnTo=%2Fprofile');
  });

  it("shows the logged-in user's profile page and greets them on the home page", async () => {
    const profile = await request(app.getHttpServer()).get('/profile').set(BROWSER).expect(200);
    expect(profile.text).toContain('jean.dupont@example.nc');
    const home = await request(app.getHttpServer()).get('/').set(BROWSER).expect(200);
    expect(home.text).toContain('Bonjour Jean Pierre Dupont');
  });

  it('shows the NC Connect button on the home page when anonymous (@OptionalAuth)', async () => {
    testing.logOut();
    const home = await request(app.getHttpServer()).get('/').set(BROWSER).expect(200);
    expect(home.text).toContain('Se connecter avec NC Connect');
  });

  it('serves the public API to anyone (@Public)', async () => {
    testing.logOut();
    await request(app.getHttpServer()).get('/api/public').expect(200, { status: 'ok' });
  });

  it("accepts the testing user's access token on the bearer API, and nothing else", async () => {
    const server = app.getHttpServer();
    const ok = await request(server).get('/api/bearer/profile').auth(testing.accessToken, { type: 'bearer' });
    expect([ok.status, ok.body.login]).toEqual([200, 'jean.dupont']);
    const missing = await request(server).get('/api/bearer/profile').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="nc-connect"');
    const wrong = await request(server).get('/api/bearer/profile').auth('another-token', { type: 'bearer' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'NC_CONNECT_BEARER_TOKEN_INVALID']);
  });

  it('shows the identity certificate to a verified identity only, and tells others how to get there', async () => {
    const server = app.getHttpServer();
    const certificate = await request(server).get('/identity-certificate').set(BROWSER).expect(200);
    expect(certificate.text).toContain('Le service atteste que <strong>Jean Pierre Dupont</strong>');
    testing.logIn(marie);
    const refused = await request(server).get('/identity-certificate').set(BROWSER).expect(403);
    expect(refused.text).toContain('data-error-code="NC_CONNECT_VERIFICATION_INSUFFICIENT"');
    expect(refused.text).toContain('Faites vérifier votre identité avec NC Connect');
    expect(refused.text).not.toContain('Le service atteste');
  });

  it('lets a recent login change the bank details, and sends an older one back to NC Connect', async () => {
    const server = app.getHttpServer();
    expect((await request(server).get('/bank-details').set(BROWSER).expect(200)).text).toContain('Enregistrer ce RIB');
    const saved = await request(server).post('/bank-details').set(BROWSER).expect(200);
    expect(saved.text).toContain('Votre nouveau RIB a bien été pris en compte');
    // Logged in 6 minutes ago.
    const authTime = Math.floor(Date.now() / 1000) - 360;
    testing.logIn({ ...jean, claims: { ...jean.claims, auth_time: authTime } });
    const stale = await request(server).get('/bank-details').set(BROWSER).expect(302);
    expect(stale.headers.location).toBe('/auth/login?returnTo=%2Fbank-details&prompt=login&max_age=300');
    // A form sent now cannot be replayed after a login: a page, whose link steps up.
    const late = await request(server).post('/bank-details').set(BROWSER).expect(401);
    expect(late.text).toContain('data-error-code="NC_CONNECT_STEP_UP_REQUIRED"');
    expect(late.text).toContain('href="/auth/login?returnTo=%2F&#38;prompt=login&#38;max_age=300"');
    expect(late.text).not.toContain('Votre nouveau RIB a bien été pris en compte');
    const api = await request(server).post('/bank-details').set('Accept', 'application/json').expect(401);
    expect(api.body).toMatchObject({ code: 'NC_CONNECT_STEP_UP_REQUIRED' });
  });
});
