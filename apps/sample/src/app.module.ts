import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { NcConnectGuard, NcConnectModule } from 'nestjs-nc-connect';
import { ncConnectOptionsFromEnv } from './nc-connect-env.js';
import { ApiController, PagesController } from './pages.controller.js';
import { ProceduresController } from './procedures.controller.js';
import { renderErrorPage } from './pages/error.page.js';
import { AgentsModule } from './agents/agents.module.js';
import { agentsEnabled } from './agents/agents-env.js';

/**
 * NC Connect, configured from the environment. Exported so that the app's tests can swap it for
 * `NcConnectTestingModule` (see app.module.spec.ts).
 */
export const ncConnect = NcConnectModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({
    ...ncConnectOptionsFromEnv((name) => config.get<string>(name)),
    // The library's error pages in the sample's own look (French, one explanation per code).
    errorPage: renderErrorPage,
  }),
});

@Module({
  // The agents' space (Agent Connect) only when NC_CONNECT_AGENTS_ISSUER is set.
  imports: [ConfigModule.forRoot({ isGlobal: true }), ncConnect, ...(agentsEnabled() ? [AgentsModule] : [])],
  controllers: [PagesController, ProceduresController, ApiController],
  // Every route needs a logged-in user unless marked @Public() or @OptionalAuth().
  providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],
})
export class AppModule {}
