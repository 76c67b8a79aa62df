import { ConfigurableModuleBuilder } from '@nestjs/common';
export const { ConfigurableModuleClass: NcConnectConfigurableModule, MODULE_OPTIONS_TOKEN: NC_CONNECT_MODULE_OPTIONS, OPTIONS_TYPE: NC_CONNECT_OPTIONS_TYPE, ASYNC_OPTIONS_TYPE: NC_CONNECT_ASYNC_OPTIONS_TYPE, } = new ConfigurableModuleBuilder({ moduleName: 'NcConnect' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createNcConnectOptions')
    .setExtras({ isGlobal: false, routePrefix: 'auth' }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
}))
    .build();
//# sourceMappingURL=nc-connect.module-definition.js.map