import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createHttpAdapter, httpAdapterFromEnv, listenHost, type HttpAdapterName } from './http-adapter.js';
import { startTelemetry } from './telemetry.js';

/**
 * Creates and starts the sample app on `port`, on the HTTP adapter `HTTP_ADAPTER` names (Express by
 * default). A port already taken stops the process with a message that names `PORT`, not a stack.
 */
export async function bootstrap(
  port: number,
  adapter: HttpAdapterName = httpAdapterFromEnv(),
): Promise<INestApplication> {
  // Before the app is created: the library makes its metric instruments with it.
  await startTelemetry();
  const app = await NestFactory.create(AppModule, await createHttpAdapter(adapter));
  app.enableShutdownHooks();
  try {
    await app.listen(port, listenHost());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    new Logger('Sample').error(
      `cannot listen on port ${port} (${code}): stop what uses it, or set PORT to a free port`,
    );
    await app.close();
    process.exit(1);
  }
  new Logger('Sample').log(`listening on http://localhost:${port} (${adapter})`);
  return app;
}
