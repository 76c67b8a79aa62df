var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Catch, HttpException, Inject, Logger } from '@nestjs/common';
import { wantsHtml } from '../http/wants-html.js';
import { NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import { describe } from '../provider/nc-connect-client.js';
import { renderErrorPage } from './error-page.js';
import { NcConnectError, NcConnectErrorCode as Code } from './nc-connect-error.js';
/**
 * Answers every failure of the library's routes cleanly: an HTML page for browsers, JSON
 * `{ statusCode, code, message }` otherwise, one log line with the code. Unexpected errors become
 * `NC_CONNECT_INTERNAL_ERROR` (500) without their details.
 */
let NcConnectExceptionFilter = class NcConnectExceptionFilter {
    routes;
    logger = new Logger('NcConnect');
    constructor(routes) {
        this.routes = routes;
    }
    catch(exception, host) {
        const req = host.switchToHttp().getRequest();
        const res = host.switchToHttp().getResponse();
        const error = this.toNcConnectError(exception);
        if (error.code !== Code.LOGIN_REQUIRED) {
            const line = `${error.code} ${req.method} ${req.path} -> ${error.httpStatus}: ${describe(error.cause ?? error)}`;
            if (error.httpStatus >= 500)
                this.logger.error(line);
            else
                this.logger.warn(line);
        }
        if (res.headersSent) {
            res.end();
            return;
        }
        res.setHeader('Cache-Control', 'no-store');
        if (wantsHtml(req)) {
            res.status(error.httpStatus).type('html').send(renderErrorPage(error.code, error.httpStatus, this.routes.loginPath));
        }
        else {
            res.status(error.httpStatus).json(error.getResponse());
        }
    }
    toNcConnectError(exception) {
        if (exception instanceof NcConnectError)
            return exception;
        if (exception instanceof HttpException && exception.getStatus() < 500) {
            return new NcConnectError(Code.REQUEST_INVALID, 'The request is invalid.', {
                cause: exception,
                status: exception.getStatus(),
            });
        }
        return new NcConnectError(Code.INTERNAL, 'Something went wrong during the login; please try again.', { cause: exception });
    }
};
NcConnectExceptionFilter = __decorate([
    Catch(),
    __param(0, Inject(NC_CONNECT_ROUTES)),
    __metadata("design:paramtypes", [Object])
], NcConnectExceptionFilter);
export { NcConnectExceptionFilter };
//# sourceMappingURL=nc-connect-exception.filter.js.map