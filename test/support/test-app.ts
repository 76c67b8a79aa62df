import {
  Controller,
  Get,
  Injectable,
  Module,
  Req,
  UseGuards,
  type DynamicModule,
  type LoggerService,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CurrentUser,
  NcConnectGuard,
  NcConnectModule,
  NcConnectTokens,
  type NcConnectModuleOptions,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import type { Request } from 'express';
import { LogCollector } from './log-collector.js';

/** The ways an app can register the module; the login scenarios run with each (on Express; forRoot on Fastify). */
export type Registration = 'forRoot' | 'forRootAsync useFactory' | 'forRootAsync useClass' | 'forRootAsync useExisting';
export const REGISTRATIONS: Registration[] = [
  'forRoot',
  'forRootAsync useFactory',
  'forRootAsync useClass',
  'forRootAsync useExisting',
];

@Controller()
class ProtectedController {
  constructor(private readonly tokens: NcConnectTokens) {}

  /** The user's access token (only with `keepTokens`), as an app calling an API would get it. */
  @Get('token')
  @UseGuards(NcConnectGuard)
  async token(@Req() req: Request) {
    return { accessToken: await this.tokens.getAccessToken(req) };
  }

  @Get('profile')
  @UseGuards(NcConnectGuard)
  profile(@CurrentUser() user: NcConnectUser, @CurrentUser('email') email?: string) {
    return { user, email };
  }

  @Get('open')
  open() {
    return { open: true };
  }
}

/** Builds the `NcConnectModule` import for `registration`. */
export function ncConnectImport(registration: Registration, options: NcConnectModuleOptions): DynamicModule {
  @Injectable()
  class OptionsFactory {
    createNcConnectOptions(): NcConnectModuleOptions {
      return options;
    }
  }
  @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
  class OptionsModule {}

  switch (registration) {
    case 'forRoot':
      return NcConnectModule.forRoot(options);
    case 'forRootAsync useFactory':
      return NcConnectModule.forRootAsync({ useFactory: async () => options });
    case 'forRootAsync useClass':
      return NcConnectModule.forRootAsync({ useClass: OptionsFactory });
    case 'forRootAsync useExisting':
      return NcConnectModule.forRootAsync({ imports: [OptionsModule], useExisting: OptionsFactory });
  }
}

/** The HTTP platform a test app runs on. */
export type TestAdapter = 'express' | 'fastify';
/** The HTTP platforms the library supports; every e2e scenario runs on each. */
export const ADAPTERS: TestAdapter[] = ['express', 'fastify'];

/** Creates (does not start) a Nest app of `module` on `adapter`, logging to `logger`. */
export async function createNestApp(
  module: Type,
  adapter: TestAdapter,
  logger: LoggerService,
): Promise<NestExpressApplication | NestFastifyApplication> {
  return adapter === 'fastify'
    ? NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger })
    : NestFactory.create<NestExpressApplication>(module, { logger });
}

/** Starts `app` on a loopback `port` (0: any); returns its base URL. */
export async function listen(app: NestExpressApplication | NestFastifyApplication, port = 0): Promise<string> {
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return `http://localhost:${address.port}`;
}

/** What a test adds to its app: modules, providers, controllers beside `/profile`, and setup before it listens (e.g. `app.use`). */
export interface TestAppExtras {
  imports?: Array<Type | DynamicModule>;
  providers?: Provider[];
  controllers?: Type[];
  configure?: (app: NestExpressApplication | NestFastifyApplication) => unknown;
}

/** A running test app. */
export interface TestApp {
  app: NestExpressApplication | NestFastifyApplication;
  url: string;
  logs: LogCollector;
  close(): Promise<void>;
}

/**
 * Starts a Nest app importing `ncConnect` (plus a guarded `/profile`) on `port` (0: any), on Express
 * or on Fastify (`adapter`), with the test's `extras`. Nest's logger is process-wide: with several
 * apps alive, every app's lines land in the last one created.
 */
export async function startTestApp(
  ncConnect: DynamicModule,
  port = 0,
  adapter: TestAdapter = 'express',
  extras: TestAppExtras = {},
): Promise<TestApp> {
  @Module({
    imports: [ncConnect, ...(extras.imports ?? [])],
    providers: extras.providers ?? [],
    controllers: [ProtectedController, ...(extras.controllers ?? [])],
  })
  class TestAppModule {}

  const logs = new LogCollector();
  const app = await createNestApp(TestAppModule, adapter, logs);
  try {
    await extras.configure?.(app);
    const url = await listen(app, port);
    return { app, url, logs, close: () => app.close() };
  } catch (error) {
    // An app that failed to start still holds its connections (Redis, timers): a leak keeps Jest alive.
    await app.close();
    throw error;
  }
}
