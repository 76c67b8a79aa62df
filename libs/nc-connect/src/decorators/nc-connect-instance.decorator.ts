import { SetMetadata } from '@nestjs/common';
import { NC_CONNECT_INSTANCE_KEY } from '../nc-connect.constants.js';

/**
 * Gives a handler (or a controller) to one named NC Connect instance: the guards of the other
 * instances let it through, so that a global `NcConnectGuard` (citizens) does not stand in front
 * of the routes of `NcConnectGuard.for('agents')`. Unmarked routes are enforced by every guard
 * placed on them.
 *
 * @example
 * ```ts
 * @Controller('agents')
 * @NcConnectInstance('agents')
 * @UseGuards(NcConnectGuard.for('agents'))
 * export class AgentsController {}
 * ```
 */
export const NcConnectInstance = (instance: string) => SetMetadata(NC_CONNECT_INSTANCE_KEY, instance);
