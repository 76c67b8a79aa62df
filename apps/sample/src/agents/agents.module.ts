import { Controller, Get, Header, Module, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CurrentUser, NcConnectGuard, NcConnectInstance, NcConnectModule, type NcConnectUser } from 'nestjs-nc-connect';
import { renderErrorPage } from '../pages/error.page.js';
import { agentsOptionsFromEnv } from './agents-env.js';
import { agentsPage } from './agents.page.js';

/** The agents' space, behind the agents' realm only (the global citizens' guard steps aside). */
@Controller('agents')
@NcConnectInstance('agents')
@UseGuards(NcConnectGuard.for('agents'))
class AgentsController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  space(@CurrentUser() agent: NcConnectUser): string {
    return agentsPage(agent);
  }
}

/**
 * Government agents beside citizens: a second NC Connect instance, `agents`, for the Agent Connect
 * realm, with its routes under `/agents/auth` and its own session cookie.
 */
@Module({
  imports: [
    NcConnectModule.forRootAsync({
      name: 'agents',
      routePrefix: 'agents/auth',
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...agentsOptionsFromEnv((name) => config.get<string>(name)),
        errorPage: renderErrorPage,
      }),
    }),
  ],
  controllers: [AgentsController],
})
export class AgentsModule {}
