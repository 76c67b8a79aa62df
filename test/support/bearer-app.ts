import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  BearerAuth,
  CurrentUser,
  NcConnectBearerGuard,
  NcConnectGuard,
  NcConnectModule,
  OptionalAuth,
  Public,
  type NcConnectModuleOptions,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import type { FaultProvider } from '../fixtures/fault-provider.js';
import { LogCollector } from './log-collector.js';
import { createNestApp, listen, type TestAdapter } from './test-app.js';

/** The client the bearer tests' apps are registered as. */
export const CLIENT = { clientId: 'bearer-client', clientSecret: 'bearer-client-secret' };

/** An API beside the session-guarded pages, with `NcConnectGuard` installed globally. */
@Controller()
export class MixedController {
  @Get('api/me')
  @BearerAuth()
  me(@CurrentUser() user: NcConnectUser, @CurrentUser('login') login?: string) {
    return { user, login };
  }

  @Get('api/maybe')
  @BearerAuth()
  @OptionalAuth()
  maybe(@CurrentUser() user?: NcConnectUser) {
    return { sub: user?.sub ?? null };
  }

  @Get('page')
  page(@CurrentUser() user: NcConnectUser) {
    return { sub: user.sub };
  }
}

/** A pure API: `NcConnectBearerGuard` installed globally. */
@Controller()
@BearerAuth()
export class ApiOnlyController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('health')
  @Public()
  health() {
    return { status: 'ok' };
  }
}

@Controller()
export class GlobalBearerController {
  @Get('private')
  private(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get('maybe')
  @OptionalAuth()
  maybe(@CurrentUser('sub') sub?: string) {
    return { sub: sub ?? null };
  }
}

/** A running app of the bearer tests. */
export interface RunningApp {
  url: string;
  logs: LogCollector;
  close(): Promise<void>;
}

/** Starts an app of `controllers` importing `ncConnect`, with `globalGuard` installed globally, on `adapter`. */
export async function startApp(
  ncConnect: DynamicModule,
  controllers: unknown[],
  globalGuard: typeof NcConnectGuard | typeof NcConnectBearerGuard,
  adapter: TestAdapter,
): Promise<RunningApp> {
  @Module({
    imports: [ncConnect],
    controllers: controllers as never[],
    providers: [{ provide: APP_GUARD, useClass: globalGuard }],
  })
  class BearerTestModule {}
  const logs = new LogCollector();
  const app = await createNestApp(BearerTestModule, adapter, logs);
  const url = await listen(app);
  return { url, logs, close: () => app.close() };
}

/** The module for `provider` (client `CLIENT`), strict about time, quick to give up on it. */
export function moduleFor(provider: FaultProvider, extra: Partial<NcConnectModuleOptions> = {}): DynamicModule {
  return NcConnectModule.forRoot({
    issuer: provider.issuer,
    ...CLIENT,
    redirectUri: provider.client.redirectUri,
    clockTolerance: 0,
    httpTimeout: 1500,
    ...extra,
  });
}

/** GETs `url` with `Authorization: <authorization>` (none when undefined). */
export async function call(url: string, authorization?: string) {
  const response = await fetch(url, { headers: authorization === undefined ? {} : { authorization } });
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** The Authorization header value for `token`. */
export const bearer = (token: string) => `Bearer ${token}`;
