import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { wantsHtml } from '../http/wants-html.js';
import { NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
import { describe } from '../provider/nc-connect-client.js';
import { renderErrorPage } from './error-page.js';
import { NcConnectError, NcConnectErrorCode as Code } from './nc-connect-error.js';

/**
 * Answers every failure of the library's routes cleanly: an HTML page for browsers, JSON
 * `{ statusCode, code, message }` otherwise, one log line with the code. Unexpected errors become
 * `NC_CONNECT_INTERNAL_ERROR` (500) without their details.
 */
@Catch()
export class NcConnectExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('NcConnect');

  constructor(@Inject(NC_CONNECT_ROUTES) private readonly routes: NcConnectRoutes) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = this.toNcConnectError(exception);
    if (error.code !== Code.LOGIN_REQUIRED) {
      const line = `${error.code} ${req.method} ${req.path} -> ${error.httpStatus}: ${describe(error.cause ?? error)}`;
      if (error.httpStatus >= 500) this.logger.error(line);
      else this.logger.warn(line);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (wantsHtml(req)) {
      res
        .status(error.httpStatus)
        .type('html')
        .send(renderErrorPage(error.code, error.httpStatus, this.routes.loginPath));
    } else {
      res.status(error.httpStatus).json(error.getResponse());
    }
  }

  private toNcConnectError(exception: unknown): NcConnectError {
    if (exception instanceof NcConnectError) return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return new NcConnectError(Code.REQUEST_INVALID, 'The request is invalid.', {
        cause: exception,
        status: exception.getStatus(),
      });
    }
    return new NcConnectError(Code.INTERNAL, 'Something went wrong during the login; please try again.', {
      cause: exception,
    });
  }
}
