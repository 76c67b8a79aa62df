import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_STRATEGY } from '../nc-connect.constants.js';
import { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { CodeFlowStrategy } from './code-flow.strategy.js';

/**
 * The NC Connect passport strategy (`'nc-connect'`). Its `validate` runs the application's
 * `validateUser` hook; by default it keeps the {@link NcConnectUser} as it is.
 */
@Injectable()
export class NcConnectStrategy extends PassportStrategy(CodeFlowStrategy, NC_CONNECT_STRATEGY) {
  constructor(
    flow: NcConnectLoginFlow,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
  ) {
    super(flow);
  }

  async validate(user: NcConnectUser): Promise<unknown> {
    if (!this.config.validateUser) return user;
    const result = await this.config.validateUser(user);
    return result === null || result === undefined || result === false ? null : result;
  }
}
