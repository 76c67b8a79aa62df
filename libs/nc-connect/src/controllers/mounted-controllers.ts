import { Controller, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { instanceMixin } from '../instance-mixin.js';
import { strategyName } from '../nc-connect.constants.js';
import { NcConnectLoginController } from './nc-connect-login.controller.js';
import { NcConnectController } from './nc-connect.controller.js';

// Version-neutral: with URI versioning, the routes stay where the redirect URI names them.
const mounted = (prefix: string) => Controller({ path: prefix, version: VERSION_NEUTRAL });

/**
 * The library's controllers for one instance under `/<prefix>`: the login routes, guarded by
 * `@nestjs/passport`'s `AuthGuard` for the instance's strategy (a class Nest's injector makes, as
 * for any `@UseGuards(Class)`), and the session routes (`me`, `logout`, `jwks`, back-channel logout).
 */
export function controllersFor(prefix: string, instance: string): Type[] {
  const login = instanceMixin('NcConnectLoginController', `${instance}${prefix}`, () => {
    class RoutedNcConnectLoginController extends NcConnectLoginController {}
    UseGuards(AuthGuard(strategyName(instance)))(RoutedNcConnectLoginController);
    mounted(prefix)(RoutedNcConnectLoginController);
    return RoutedNcConnectLoginController;
  });
  const sessions = instanceMixin('NcConnectController', prefix, () => {
    class RoutedNcConnectController extends NcConnectController {}
    mounted(prefix)(RoutedNcConnectController);
    return RoutedNcConnectController;
  });
  return [login, sessions];
}
