import { Controller, Get, Injectable, Module, Req, UseGuards, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
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

/** The ways an app can register the module; every e2e scenario runs once per style. */
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

/** A running test app. */
export interface TestApp {
  app: NestExpressApplication;
  url: string;
  logs: LogCollector;
  close(): Promise<void>;
}

/**
 * Starts a Nest app importing `ncConnect` (plus a guarded `/profile`) on `port` (0: any). Nest's
 * logger is process-wide: with several apps alive, every app's lines land in the last one created.
 */
export async function startTestApp(ncConnect: DynamicModule, port = 0): Promise<TestApp> {
  @Module({ imports: [ncConnect], controllers: [ProtectedController] })
  class TestAppModule {}

  const logs = new LogCollector();
  const app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: logs });
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://localhost:${address.port}`, logs, close: () => app.close() };
}
