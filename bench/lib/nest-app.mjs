// The benchmarked Nest apps on either HTTP adapter, made and started as the sample app's bootstrap
// does (its built http-adapter.js): the same adapter for the floor and the sample, the same host.
import { NestFactory } from '@nestjs/core';

/** The sample app's build (`npm run build`), with the copy of the library it carries. */
export const SAMPLE_DIST = new URL('../../dist/apps/sample/', import.meta.url);

const httpAdapter = () => import(new URL('apps/sample/src/http-adapter.js', SAMPLE_DIST).href);

/** A Nest app of `Module` on `adapter` (`express` or `fastify`, as HTTP_ADAPTER), not listening yet. */
export async function createNestApp(Module, adapter = 'express') {
  const { createHttpAdapter } = await httpAdapter();
  return NestFactory.create(Module, await createHttpAdapter(adapter), { logger: ['error', 'warn'] });
}

/** Starts `app` on `port`, on the host the sample app listens on (every address). */
export async function listen(app, port) {
  const { listenHost } = await httpAdapter();
  await app.listen(port, listenHost());
}
