import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { NcConnectModule } from '../nc-connect.module.js';
import { NcConnectHealthIndicator } from '../health/index.js';
import { NcConnectTestingModule } from './index.js';

@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ncConnect: NcConnectHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.ncConnect.check('nc-connect')]);
  }
}

/** The module that imports NcConnectModule, as an app writes it; tests swap the module for the testing one. */
const ncConnect = NcConnectModule.forRoot({
  // Nothing listens there: a check that made a request would report `down`.
  issuer: 'http://127.0.0.1:9/realms/nc-connect',
  clientId: 'health-app',
  clientSecret: 'health-app-secret',
  redirectUri: 'http://localhost:3000/auth/callback',
});

@Module({
  imports: [TerminusModule, ncConnect],
  controllers: [HealthController],
  providers: [NcConnectHealthIndicator],
})
class HealthAppModule {}

describe('NcConnectHealthIndicator under NcConnectTestingModule', () => {
  it('reports NC Connect up in testing mode, without a provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HealthAppModule] })
      .overrideModule(ncConnect)
      .useModule(NcConnectTestingModule.forRoot())
      .compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.body).toEqual({
        status: 'ok',
        info: { 'nc-connect': { status: 'up', testing: true } },
        error: {},
        details: { 'nc-connect': { status: 'up', testing: true } },
      });
    } finally {
      await app.close();
    }
  });

  it('names what to import when neither NcConnectModule nor the testing module is there', async () => {
    @Module({ imports: [TerminusModule], controllers: [HealthController], providers: [NcConnectHealthIndicator] })
    class AloneModule {}
    await expect(Test.createTestingModule({ imports: [AloneModule] }).compile()).rejects.toThrow(
      'NcConnectHealthIndicator needs NcConnectModule: provide the indicator in the module that imports NcConnectModule, ' +
        'or register NcConnectModule with isGlobal: true (NcConnectTestingModule in tests)',
    );
  });
});
