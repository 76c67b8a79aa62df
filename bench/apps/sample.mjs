// The sample app as built by `npm run build` (dist/), unchanged, configured by the environment like
// `npm run start:prod` (REDIS_URL for Redis sessions).
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { decorateClass, decorateMethod, decorateParameter } from '../lib/nest-decorate.mjs';

const SAMPLE = new URL('../../dist/apps/sample/apps/sample/src/', import.meta.url);
// The sample's build carries its own copy of the library: use that one, so that there is one class
// per provider token.
const LIBRARY = new URL('../../dist/apps/sample/libs/nc-connect/src/index.js', import.meta.url);

/** The library as the sample app uses it. */
export function sampleLibrary() {
  return import(LIBRARY.href);
}

/**
 * For the memory measurement only: `GET /bench/session` answers the logged-in session's library
 * data (behind the sample's global guard), the template of the sessions made in bulk.
 */
function withSessionProbe(AppModule, probe) {
  class SessionProbeController {
    // Loaded for writing (express-session), since the guard may have read it through its read-only path.
    async session(req) {
      await probe.sessions.load(req, req.res);
      return probe.sessions.current(req);
    }
  }
  decorateClass(SessionProbeController, Controller('bench'));
  decorateMethod(SessionProbeController, 'session', Get('session'));
  decorateParameter(SessionProbeController, 'session', 0, Req());
  class ProbedModule {}
  return decorateClass(ProbedModule, Module({ imports: [AppModule], controllers: [SessionProbeController] }));
}

/** The sample app, not listening yet; `probe`: with `GET /bench/session`. */
export async function createSampleApp({ probe = false } = {}) {
  const { AppModule } = await import(new URL('app.module.js', SAMPLE).href);
  const holder = {};
  const app = await NestFactory.create(probe ? withSessionProbe(AppModule, holder) : AppModule, {
    logger: ['error', 'warn'],
  });
  if (probe) holder.sessions = app.get((await sampleLibrary()).NcConnectSessions, { strict: false });
  return app;
}
