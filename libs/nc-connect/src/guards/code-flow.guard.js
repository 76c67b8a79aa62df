var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_STRATEGY } from '../nc-connect.constants.js';
const CODE_FLOW_ACTION = 'nc-connect:code-flow-action';
/** Marks a controller route as the login or the callback half of the code flow. */
export const CodeFlowAction = (action) => SetMetadata(CODE_FLOW_ACTION, action);
/** Runs the NC Connect strategy for the library's login and callback routes. Internal. */
let CodeFlowGuard = class CodeFlowGuard extends AuthGuard(NC_CONNECT_STRATEGY) {
    reflector;
    constructor(reflector) {
        super();
        this.reflector = reflector;
    }
    getAuthenticateOptions(context) {
        const action = this.reflector.get(CODE_FLOW_ACTION, context.getHandler());
        const query = context.switchToHttp().getRequest().query;
        return { action, returnTo: query.returnTo, requestedPrompt: query.prompt };
    }
    handleRequest(err, user) {
        if (err)
            throw err;
        if (!user)
            throw new NcConnectError(Code.USER_REFUSED, 'This NC Connect account may not use this service.');
        return user;
    }
};
CodeFlowGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Reflector])
], CodeFlowGuard);
export { CodeFlowGuard };
//# sourceMappingURL=code-flow.guard.js.map