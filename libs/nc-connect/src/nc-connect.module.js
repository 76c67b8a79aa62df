var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Controller, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { createNcConnectConfig } from './config/nc-connect-config.js';
import { NcConnectController } from './controllers/nc-connect.controller.js';
import { NcConnectExceptionFilter } from './errors/nc-connect-exception.filter.js';
import { CodeFlowGuard } from './guards/code-flow.guard.js';
import { NcConnectGuard } from './guards/nc-connect.guard.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_ROUTES, NC_CONNECT_TRANSACTION_STORE } from './nc-connect.constants.js';
import { NC_CONNECT_MODULE_OPTIONS, NcConnectConfigurableModule, } from './nc-connect.module-definition.js';
import { resolveRoutes } from './nc-connect.routes.js';
import { NcConnectClient } from './provider/nc-connect-client.js';
import { NcConnectSessions } from './session/nc-connect-sessions.js';
import { NcConnectStrategy } from './strategies/nc-connect.strategy.js';
import { NcConnectLoginFlow } from './transactions/login-flow.js';
import { MemoryLoginTransactionStore } from './transactions/memory-login-transaction.store.js';
const providers = [
    {
        provide: NC_CONNECT_CONFIG,
        useFactory: (options) => createNcConnectConfig(options),
        inject: [NC_CONNECT_MODULE_OPTIONS],
    },
    { provide: NC_CONNECT_TRANSACTION_STORE, useFactory: () => new MemoryLoginTransactionStore() },
    NcConnectClient,
    NcConnectSessions,
    NcConnectLoginFlow,
    NcConnectStrategy,
    NcConnectGuard,
    CodeFlowGuard,
    NcConnectExceptionFilter,
];
const exported = [NC_CONNECT_CONFIG, NcConnectClient, NcConnectSessions, NcConnectGuard, NC_CONNECT_ROUTES];
/** The controller class for one route prefix: the library's routes under `/<prefix>`. */
function controllerFor(prefix) {
    class RoutedNcConnectController extends NcConnectController {
    }
    Controller(prefix)(RoutedNcConnectController);
    return RoutedNcConnectController;
}
function withRoutes(definition, extras) {
    const routes = resolveRoutes(extras.routePrefix);
    return {
        ...definition,
        imports: [...(definition.imports ?? []), PassportModule],
        controllers: routes.prefix === undefined ? [] : [controllerFor(routes.prefix)],
        providers: [...(definition.providers ?? []), ...providers, { provide: NC_CONNECT_ROUTES, useValue: routes }],
        exports: [...(definition.exports ?? []), ...exported],
    };
}
/**
 * NC Connect login for a Nest app: a passport strategy on openid-client, the `login`, `callback`,
 * `me` and `logout` routes, `NcConnectGuard`, and sessions loaded only where a user is needed.
 *
 * @example
 * ```ts
 * NcConnectModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     issuer: config.getOrThrow('NC_CONNECT_ISSUER'),
 *     clientId: config.getOrThrow('NC_CONNECT_CLIENT_ID'),
 *     clientSecret: config.getOrThrow('NC_CONNECT_CLIENT_SECRET'),
 *     redirectUri: config.getOrThrow('NC_CONNECT_REDIRECT_URI'),
 *   }),
 * })
 * ```
 */
let NcConnectModule = class NcConnectModule extends NcConnectConfigurableModule {
    static forRoot(options) {
        return withRoutes(super.forRoot(options), options);
    }
    static forRootAsync(options) {
        return withRoutes(super.forRootAsync(options), options);
    }
};
NcConnectModule = __decorate([
    Module({})
], NcConnectModule);
export { NcConnectModule };
//# sourceMappingURL=nc-connect.module.js.map