// The floor: a bare Nest app (the same Nest packages as the sample, no auth at all) serving the
// sample's public JSON route, and its profile route's answer (given) without any session, to show
// what a larger answer costs by itself. On either HTTP adapter, like the sample.
import { Controller, Get, Header, Module } from '@nestjs/common';
import { createNestApp } from '../lib/nest-app.mjs';
import { decorateClass, decorateMethod } from '../lib/nest-decorate.mjs';

/** The bare app on `adapter`, not listening yet; `profile`: what `GET /api/profile` answers. */
export function createFloorApp({ profile = {}, adapter } = {}) {
  class ApiController {
    status() {
      return { status: 'ok' };
    }

    profile() {
      return profile;
    }
  }
  decorateClass(ApiController, Controller('api'));
  decorateMethod(ApiController, 'status', Get('public'));
  decorateMethod(ApiController, 'profile', Get('profile'), Header('Cache-Control', 'no-store'));

  class FloorModule {}
  decorateClass(FloorModule, Module({ controllers: [ApiController] }));
  return createNestApp(FloorModule, adapter);
}
