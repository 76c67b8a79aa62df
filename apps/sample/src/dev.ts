import { Logger } from '@nestjs/common';
import { demoClientFor, startNcConnectEmulator, type NcConnectFlavor } from 'nestjs-nc-connect-emulator';
import { bootstrap } from './bootstrap.js';

// Development entry point (`npm start`). With no NC_CONNECT_ISSUER, the built-in NC Connect emulator
// starts first (on NC_CONNECT_EMULATOR_PORT, default 4000) and the app is pointed at its demo client,
// so that anyone can log in with no credentials. With NC_CONNECT_ISSUER set, it behaves like main.ts.
const logger = new Logger('Sample');
const port = Number(process.env.PORT || 3000);

if (!process.env.NC_CONNECT_ISSUER) {
  const flavor = (process.env.NC_CONNECT_EMULATOR_FLAVOR || 'v3') as NcConnectFlavor;
  const client = demoClientFor(port);
  const emulator = await startNcConnectEmulator({
    flavor,
    port: Number(process.env.NC_CONNECT_EMULATOR_PORT || 4000),
    clients: [client],
  });
  process.env.NC_CONNECT_ISSUER = emulator.issuer;
  process.env.NC_CONNECT_CLIENT_ID = client.clientId;
  process.env.NC_CONNECT_CLIENT_SECRET = client.clientSecret;
  logger.log(`NC Connect emulator (${flavor}) at ${emulator.issuer}`);
  logger.log(`log in as jean.dupont with the password nc-connect`);
  const stop = () => void emulator.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await bootstrap(port);
