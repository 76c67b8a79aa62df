import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
import { describeFailure } from '../provider/describe-failure.js';
import { renderErrorPage } from './error-page.js';
import { NcConnectError, NcConnectErrorCode as Code, type NcConnectErrorBody } from './nc-connect-error.js';

/**
 * Answers every failure of the library's routes cleanly: an HTML page for browsers, JSON
 * `{ statusCode, code, message }` otherwise, one log line with the code. Unexpected errors become
 * `NC_CONNECT_INTERNAL_ERROR` (500) without their details.
 */
@Catch()
export class NcConnectExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('NcConnect');

  constructor(
    @Inject(NC_CONNECT_ROUTES) private readonly routes: NcConnectRoutes,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly http: NcConnectHttp,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<HttpRequest>();
    const res = host.switchToHttp().getResponse<HttpResponse>();
    const error = this.toNcConnectError(exception);
    if (error.code !== Code.LOGIN_REQUIRED) {
      const where = `${this.http.method(req)} ${this.http.path(req)}`;
      const line = `${error.code} ${where} -> ${error.httpStatus}: ${describeFailure(error.cause ?? error)}`;
      if (error.httpStatus >= 500) this.logger.error(line);
      else this.logger.warn(line);
    }
    if (this.http.headersSent(res)) {
      this.http.end(res);
      return;
    }
    this.http.setHeader(res, 'Cache-Control', 'no-store');
    if (this.http.wantsHtml(req)) this.http.html(res, error.httpStatus, this.page(error));
    else this.http.json(res, error.httpStatus, error.getResponse());
  }

  private page(error: NcConnectError): string {
    const body = error.getResponse() as NcConnectErrorBody;
    if (this.config.errorPage) {
      try {
        return this.config.errorPage({ ...body, status: error.httpStatus, loginUrl: this.routes.loginPath });
      } catch (err) {
        this.logger.error(
          `errorPage threw for ${error.code}; the library's default page was shown: ${describeFailure(err)}`,
        );
      }
    }
    return renderErrorPage(error.code, error.httpStatus, this.routes.loginPath);
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
