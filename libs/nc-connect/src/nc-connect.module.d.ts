import { type DynamicModule } from '@nestjs/common';
import { NC_CONNECT_ASYNC_OPTIONS_TYPE, NC_CONNECT_OPTIONS_TYPE, NcConnectConfigurableModule } from './nc-connect.module-definition.js';
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
export declare class NcConnectModule extends NcConnectConfigurableModule {
    static forRoot(options: typeof NC_CONNECT_OPTIONS_TYPE): DynamicModule;
    static forRootAsync(options: typeof NC_CONNECT_ASYNC_OPTIONS_TYPE): DynamicModule;
}
