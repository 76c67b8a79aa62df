import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { NcConnectBearerGuard } from '../guards/nc-connect-bearer.guard.js';
import { IS_BEARER_AUTH_KEY, IS_PUBLIC_KEY } from '../nc-connect.constants.js';

/**
 * Guards a handler (or every handler of a controller) with {@link NcConnectBearerGuard}: an API
 * route called with `Authorization: Bearer <NC Connect access token>`. A global `NcConnectGuard`
 * (sessions) steps aside for it, as for `@Public()`, while the bearer guard always asks for a token,
 * even where `@Public()` is set too. Combine with `@OptionalAuth()` to let requests without an
 * `Authorization` header through anonymously.
 *
 * @example
 * ```ts
 * @Get('api/documents')
 * @BearerAuth()
 * documents(@CurrentUser() user: NcConnectUser) {}
 * ```
 */
export const BearerAuth = () =>
  applyDecorators(
    SetMetadata(IS_BEARER_AUTH_KEY, true),
    SetMetadata(IS_PUBLIC_KEY, true),
    UseGuards(NcConnectBearerGuard),
  );
