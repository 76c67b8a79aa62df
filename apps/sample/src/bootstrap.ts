import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createHttpAdapter, httpAdapterFromEnv, listenHost, type HttpAdapterName } from './http-adapter.js';
import { startTelemetry } from './telemetry.js';

/** Creates and starts the sample app on `port`, on the HTTP adapter `HTTP_ADAPTER` names (Express by default). */
export async function bootstrap(
  port: number,
  adapter: HttpAdapterName = httpAdapterFromEnv(),
): Promise<INestApplication> {
  // Before the app is created: the library makes its metric instruments with it.
  await startTelemetry();
  const app = await NestFactory.create(AppModule, await createHttpAdapter(adapter));
  app.enableShutdownHooks();
  await app.listen(port, listenHost());
  new Logger('Sample').log(`listening on http://localhost:${port} (${adapter})`);
  return app;
}
