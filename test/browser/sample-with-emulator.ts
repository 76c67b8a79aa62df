import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { demoClientFor, startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { freePort } from '../support/free-port.js';
import { LogCollector } from '../support/log-collector.js';

/** The sample app and an emulator, both in this process, on free ports. */
export interface SampleWithEmulator {
  /** `http://localhost:<port>`, as registered at the emulator. */
  appUrl: string;
  emulator: NcConnectEmulator;
  /** What the app logged (saved with a failing test's screenshots). */
  logs: LogCollector;
  close(): Promise<void>;
}

/** Variables a developer's shell might set that would change the sample's defaults under test. */
const CLEARED = [
  'NC_CONNECT_REDIRECT_URI',
  'NC_CONNECT_POST_LOGOUT_REDIRECT_URI',
  'NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD',
  'NC_CONNECT_SCOPE',
  'REDIS_URL',
];

/**
 * Starts the emulator with the demo client for a free port, then the sample app's own AppModule
 * on that port, configured the way `npm start` configures it: by the environment, defaults
 * included (the post-logout URI is `/logged-out`).
 */
export async function startSampleWithEmulator(): Promise<SampleWithEmulator> {
  const port = await freePort();
  const client = demoClientFor(port);
  const emulator = await startNcConnectEmulator({ clients: [client] });
  for (const name of CLEARED) delete process.env[name];
  Object.assign(process.env, {
    PORT: String(port),
    NC_CONNECT_ISSUER: emulator.issuer,
    NC_CONNECT_CLIENT_ID: client.clientId,
    NC_CONNECT_CLIENT_SECRET: client.clientSecret,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
  });
  // Imported only now: ConfigModule.forRoot() reads the environment when the module is loaded.
  const { AppModule } = await import('../../apps/sample/src/app.module.js');
  const logs = new LogCollector();
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: logs });
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    appUrl: `http://localhost:${port}`,
    emulator,
    logs,
    async close() {
      await app.close();
      await emulator.close();
    },
  };
}
