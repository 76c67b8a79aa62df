import { Inject, Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { DEFAULT_INSTANCE, NC_CONNECT_CONFIG, strategyName } from '../nc-connect.constants.js';
import { NcConnectHttp } from '../http/nc-connect-http.js';
import { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { instanceMixin } from '../instance-mixin.js';
import { CodeFlowStrategy } from './code-flow.strategy.js';

/** The passport strategy class of one instance, registered with passport as `strategyName(instance)`. */
function createStrategy(instance: string): Type {
  @Injectable()
  class InstanceStrategy extends PassportStrategy(CodeFlowStrategy, strategyName(instance)) {
    constructor(
      flow: NcConnectLoginFlow,
      http: NcConnectHttp,
      @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    ) {
      super(flow, http);
    }

    /** Runs the application's `validateUser` hook; by default keeps the {@link NcConnectUser}. */
    async validate(user: NcConnectUser): Promise<unknown> {
      if (!this.config.validateUser) return user;
      const result = await this.config.validateUser(user);
      return result === null || result === undefined || result === false ? null : result;
    }
  }
  return InstanceStrategy;
}

/** The strategy class of `instance` (one class per name). */
export function strategyFor(instance: string): Type {
  return instanceMixin('NcConnectStrategy', instance, () => createStrategy(instance));
}

/**
 * The NC Connect passport strategy (`'nc-connect'`), for the default instance. Its `validate` runs
 * the application's `validateUser` hook; by default it keeps the {@link NcConnectUser} as it is.
 */
export const NcConnectStrategy = strategyFor(DEFAULT_INSTANCE);
