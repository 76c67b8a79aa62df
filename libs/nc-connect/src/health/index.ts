export { NcConnectHealthIndicator, type NcConnectHealthCheckOptions } from './nc-connect.health-indicator.js';
