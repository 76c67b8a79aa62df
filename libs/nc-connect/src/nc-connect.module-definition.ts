import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { NcConnectModuleExtras, NcConnectModuleOptions } from './config/nc-connect-options.interface.js';

export const {
  ConfigurableModuleClass: NcConnectConfigurableModule,
  MODULE_OPTIONS_TOKEN: NC_CONNECT_MODULE_OPTIONS,
  OPTIONS_TYPE: NC_CONNECT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: NC_CONNECT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<NcConnectModuleOptions>({ moduleName: 'NcConnect' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createNcConnectOptions')
  .setExtras<NcConnectModuleExtras>({ isGlobal: false, routePrefix: 'auth' }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
