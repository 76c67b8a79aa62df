// The sample app as built by `npm run build` (dist/), unchanged, configured by the environment like
// `npm run start:prod` (REDIS_URL for Redis sessions), on the HTTP adapter given (as HTTP_ADAPTER).
import { Controller, Get, Module, Req } from '@nestjs/common';
import { createNestApp, SAMPLE_DIST } from '../lib/nest-app.mjs';
import { decorateClass, decorateMethod, decorateParameter } from '../lib/nest-decorate.mjs';

const SAMPLE = new URL('apps/sample/src/', SAMPLE_DIST);
// The sample's build carries its own copy of the library: use that one, so that there is one class
// per provider token.
const LIBRARY = new URL('libs/nc-connect/src/index.js', SAMPLE_DIST);

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
    // The whole record as the store keeps it, through the library's internal `live()` (the public
    // `get()` gives a view without the ID token); the guard has read it already: no second store read.
    async session(req) {
      return (await probe.sessions.live(req))?.record;
    }
  }
  decorateClass(SessionProbeController, Controller('bench'));
  decorateMethod(SessionProbeController, 'session', Get('session'));
  decorateParameter(SessionProbeController, 'session', 0, Req());
  class ProbedModule {}
  return decorateClass(ProbedModule, Module({ imports: [AppModule], controllers: [SessionProbeController] }));
}

/** The sample app on `adapter`, not listening yet; `probe`: with `GET /bench/session`. */
export async function createSampleApp({ probe = false, adapter } = {}) {
  const { AppModule } = await import(new URL('app.module.js', SAMPLE).href);
  const holder = {};
  const app = await createNestApp(probe ? withSessionProbe(AppModule, holder) : AppModule, adapter);
  if (probe) holder.sessions = app.get((await sampleLibrary()).NcConnectSessions, { strict: false });
  return app;
}
