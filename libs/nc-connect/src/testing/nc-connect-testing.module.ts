import { Module, type DynamicModule } from '@nestjs/common';
import { NcConnectBearerVerifier } from '../bearer/nc-connect-bearer-verifier.js';
import { NcConnectBearerGuard } from '../guards/nc-connect-bearer.guard.js';
import { NcConnectGuard } from '../guards/nc-connect.guard.js';
import { NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import { NcConnectRoutes, normalizeRoutePrefix } from '../nc-connect.routes.js';
import { ApplicationConfig } from '@nestjs/core';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import { NcConnectTokens } from '../session/nc-connect-tokens.js';
import { NC_CONNECT_TESTING_OPTIONS, type NcConnectTestingOptions } from './nc-connect-testing-options.js';
import { NcConnectTestingUser } from './nc-connect-testing-user.js';
import { TestingBearerVerifier } from './testing-bearer-verifier.js';
import { TestingSessions } from './testing-sessions.js';
import { testingAssurancePolicy } from './testing-assurance-policy.js';
import { NcConnectAssurancePolicy } from '../assurance/assurance-policy.js';
import { TestingTokens } from './testing-tokens.js';

/**
 * `NcConnectModule` for an app's own tests: no provider, no network, no session store. The real
 * `NcConnectGuard`, `NcConnectBearerGuard` and `@CurrentUser()` see the user of
 * {@link NcConnectTestingUser} (set with `user`, switched with `logIn()` / `logOut()`), so guarded
 * routes answer as they would for that user, or for an anonymous visitor (401 JSON, or a 302 to
 * the login route for a browser). `NcConnectTokens` and `NcConnectSessions` are provided too;
 * `NcConnectClient`, the `/auth` routes and the options are not. `NcConnectHealthIndicator` reports
 * `up` with `testing: true`, without a request. The module is global.
 *
 * @example
 * ```ts
 * // app.module.ts: keep a reference to the module you import
 * export const ncConnect = NcConnectModule.forRootAsync({ ... });
 *
 * // app.spec.ts
 * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
 *   .overrideModule(ncConnect)
 *   .useModule(NcConnectTestingModule.forRoot({ user: jean }))
 *   .compile();
 * ```
 */
@Module({})
export class NcConnectTestingModule {
  static forRoot(options: NcConnectTestingOptions = {}): DynamicModule {
    return {
      module: NcConnectTestingModule,
      global: true,
      providers: [
        { provide: NC_CONNECT_TESTING_OPTIONS, useValue: options },
        {
          provide: NC_CONNECT_ROUTES,
          useFactory: (appConfig: ApplicationConfig) =>
            new NcConnectRoutes(normalizeRoutePrefix(options.routePrefix), 'default', appConfig),
          inject: [ApplicationConfig],
        },
        NcConnectTestingUser,
        { provide: NcConnectSessions, useClass: TestingSessions },
        { provide: NcConnectTokens, useClass: TestingTokens },
        { provide: NcConnectBearerVerifier, useClass: TestingBearerVerifier },
        { provide: NcConnectAssurancePolicy, useValue: testingAssurancePolicy(options) },
        NcConnectGuard,
        NcConnectBearerGuard,
      ],
      exports: [
        // What NcConnectHealthIndicator looks for: it then reports `up` with `testing: true`.
        NC_CONNECT_TESTING_OPTIONS,
        NC_CONNECT_ROUTES,
        NcConnectTestingUser,
        NcConnectSessions,
        NcConnectTokens,
        NcConnectBearerVerifier,
        NcConnectAssurancePolicy,
        NcConnectGuard,
        NcConnectBearerGuard,
      ],
    };
  }
}
