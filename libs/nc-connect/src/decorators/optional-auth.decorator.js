import { SetMetadata } from '@nestjs/common';
import { IS_OPTIONAL_AUTH_KEY } from '../nc-connect.constants.js';
/**
 * Lets anonymous users through `NcConnectGuard` while still loading the session, so that
 * `@CurrentUser()` is the user when someone is logged in and `undefined` otherwise (e.g. a home
 * page that greets logged-in users).
 */
export const OptionalAuth = () => SetMetadata(IS_OPTIONAL_AUTH_KEY, true);
//# sourceMappingURL=optional-auth.decorator.js.map