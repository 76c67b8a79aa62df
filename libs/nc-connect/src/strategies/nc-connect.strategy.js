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
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { NC_CONNECT_CONFIG, NC_CONNECT_STRATEGY } from '../nc-connect.constants.js';
import { NcConnectLoginFlow } from '../transactions/login-flow.js';
import { CodeFlowStrategy } from './code-flow.strategy.js';
/**
 * The NC Connect passport strategy (`'nc-connect'`). Its `validate` runs the application's
 * `validateUser` hook; by default it keeps the {@link NcConnectUser} as it is.
 */
let NcConnectStrategy = class NcConnectStrategy extends PassportStrategy(CodeFlowStrategy, NC_CONNECT_STRATEGY) {
    config;
    constructor(flow, config) {
        super(flow);
        this.config = config;
    }
    async validate(user) {
        if (!this.config.validateUser)
            return user;
        const result = await this.config.validateUser(user);
        return result === null || result === undefined || result === false ? null : result;
    }
};
NcConnectStrategy = __decorate([
    Injectable(),
    __param(1, Inject(NC_CONNECT_CONFIG)),
    __metadata("design:paramtypes", [NcConnectLoginFlow, Object])
], NcConnectStrategy);
export { NcConnectStrategy };
//# sourceMappingURL=nc-connect.strategy.js.map