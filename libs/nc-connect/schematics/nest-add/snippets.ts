// The code `nest add nestjs-nc-connect` writes into an app, as text, formatted as Nest's Prettier
// settings would (two-space indent, single quotes, trailing commas).

/** `ConfigModule.forRoot` for the `imports` of AppModule, when the app has no ConfigModule yet. */
export const CONFIG_MODULE_IMPORT = 'ConfigModule.forRoot({ isGlobal: true })';

/** The name of the exported constant that holds the NcConnectModule import (docs/testing.md). */
export const NC_CONNECT_CONSTANT = 'ncConnect';

/**
 * `export const ncConnect = NcConnectModule.forRootAsync(...)`, reading the variables of .env, for the
 * `imports` of AppModule; a constant so that tests can replace it (`overrideModule(ncConnect)`).
 * `importConfigModule` when the app's own ConfigModule may not be global.
 */
export function ncConnectDeclaration(importConfigModule: boolean): string {
  return [
    `export const ${NC_CONNECT_CONSTANT} = NcConnectModule.forRootAsync({`,
    ...(importConfigModule ? ['  imports: [ConfigModule],'] : []),
    '  inject: [ConfigService],',
    '  useFactory: (config: ConfigService) => ({',
    "    issuer: config.getOrThrow<string>('NC_CONNECT_ISSUER'),",
    "    clientId: config.getOrThrow<string>('NC_CONNECT_CLIENT_ID'),",
    "    clientSecret: config.getOrThrow<string>('NC_CONNECT_CLIENT_SECRET'),",
    "    redirectUri: config.getOrThrow<string>('NC_CONNECT_REDIRECT_URI'),",
    "    postLogoutRedirectUri: config.getOrThrow<string>('NC_CONNECT_POST_LOGOUT_REDIRECT_URI'),",
    "    session: { secret: config.get<string>('SESSION_SECRET') },",
    '  }),',
    '});',
  ].join('\n');
}

/** The global guard for the `providers` of AppModule: every route needs a login unless `@Public()`. */
export const GUARD_PROVIDER = '{ provide: APP_GUARD, useClass: NcConnectGuard }';

/** The public page NC Connect sends the browser back to after logout. */
export const LOGGED_OUT_CONTROLLER = 'LoggedOutController';

/** The file of {@link LOGGED_OUT_CONTROLLER}, without extension, beside app.module.ts. */
export const LOGGED_OUT_CONTROLLER_FILE = 'logged-out.controller';

/** The source of logged-out.controller.ts. */
export const LOGGED_OUT_CONTROLLER_SOURCE = `import { Controller, Get, Header } from '@nestjs/common';
import { Public } from 'nestjs-nc-connect';

/**
 * Where NC Connect sends the browser after logout (NC_CONNECT_POST_LOGOUT_REDIRECT_URI). It must be
 * public: behind the global NcConnectGuard, it would send the visitor straight back to the login page.
 */
@Controller()
export class LoggedOutController {
  @Public()
  @Get('logged-out')
  @Header('content-type', 'text/html; charset=utf-8')
  loggedOut(): string {
    return \`<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8" /><title>Déconnexion</title></head>
  <body>
    <h1>Vous êtes déconnecté</h1>
    <p>Votre session dans cette application est terminée.</p>
    <p><a href="auth/login">Se connecter avec NC Connect</a></p>
  </body>
</html>
\`;
  }
}
`;

/** The user `NcConnectTestingModule` logs in, in the e2e test of `nest new`. */
export const TESTING_USER = "{ sub: 'test-user', claims: {} }";
