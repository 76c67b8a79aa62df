import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_KEY } from '../nc-connect.constants.js';
/**
 * Opens a handler (or every handler of a controller) to anonymous users when `NcConnectGuard` is
 * installed globally with `APP_GUARD`. The guard then does no session work at all for it.
 */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
//# sourceMappingURL=public.decorator.js.map