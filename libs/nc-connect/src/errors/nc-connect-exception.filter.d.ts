import { type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
/**
 * Answers every failure of the library's routes cleanly: an HTML page for browsers, JSON
 * `{ statusCode, code, message }` otherwise, one log line with the code. Unexpected errors become
 * `NC_CONNECT_INTERNAL_ERROR` (500) without their details.
 */
export declare class NcConnectExceptionFilter implements ExceptionFilter {
    private readonly routes;
    private readonly logger;
    constructor(routes: NcConnectRoutes);
    catch(exception: unknown, host: ArgumentsHost): void;
    private toNcConnectError;
}
