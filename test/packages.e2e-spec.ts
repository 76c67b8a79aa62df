import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support/free-port.js';
import { FakeBrowser, getJson, logIn } from './support/login-steps.js';

// The packages as a user installs them: `npm pack` of both libraries, installed from their tarballs
// into a fresh Nest app written by hand in a temporary folder outside the monorepo, compiled with
// its own tsc and started; a citizen then logs in through the emulator of the installed package.
// Peer dependencies are pinned to the versions of the monorepo's lock file and installed with
// --prefer-offline, so npm's cache usually serves them all.

const ROOT = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);

/** The environment for child npm commands, without the npm_* variables of an enclosing `npm test`. */
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

/** The version of `name` in the monorepo's package-lock.json. */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  return lock.packages[`node_modules/${name}`].version;
}

const pinned = (names: string[]) => Object.fromEntries(names.map((name) => [name, lockedVersion(name)]));

/** The fresh app's sources, as a developer adopting the packages would write them. */
const APP_MODULE = `import { Controller, Get, Module, Req } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { Request } from 'express';
import {
  BearerAuth,
  CurrentUser,
  NcConnectGuard,
  NcConnectModule,
  NcConnectTokens,
  Public,
  type NcConnectUser,
} from 'nestjs-nc-connect';
import { NcConnectHealthIndicator } from 'nestjs-nc-connect/health';

@Controller()
class AppController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly ncConnect: NcConnectHealthIndicator,
    private readonly tokens: NcConnectTokens,
  ) {}

  @Get('me')
  me(@CurrentUser() user: NcConnectUser): NcConnectUser {
    return user;
  }

  @Get('token')
  async token(@Req() req: Request): Promise<{ accessToken: string }> {
    return { accessToken: await this.tokens.getAccessToken(req) };
  }

  @Get('api/me')
  @BearerAuth()
  apiMe(@CurrentUser('login') login?: string): { login?: string } {
    return { login };
  }

  @Get('health')
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.ncConnect.check('nc-connect')]);
  }
}

@Module({
  imports: [
    TerminusModule,
    NcConnectModule.forRootAsync({
      useFactory: () => ({
        issuer: process.env.NC_CONNECT_ISSUER!,
        clientId: process.env.NC_CONNECT_CLIENT_ID!,
        clientSecret: process.env.NC_CONNECT_CLIENT_SECRET!,
        redirectUri: \`http://localhost:\${process.env.PORT}/auth/callback\`,
        keepTokens: true,
      }),
    }),
  ],
  controllers: [AppController],
  providers: [NcConnectHealthIndicator, { provide: APP_GUARD, useClass: NcConnectGuard }],
})
export class AppModule {}
`;

const MAIN = `import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { demoClientFor, startNcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { AppModule } from './app.module.js';

const port = Number(process.env.PORT);
const client = demoClientFor(port);
const emulator = await startNcConnectEmulator({ port: 0, clients: [client] });
process.env.NC_CONNECT_ISSUER = emulator.issuer;
process.env.NC_CONNECT_CLIENT_ID = client.clientId;
process.env.NC_CONNECT_CLIENT_SECRET = client.clientSecret;
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
await app.listen(port, '127.0.0.1');
console.log('READY');
`;

/** Runs the testing subpath for real: prints what a guarded route answers logged in, then anonymous. */
const TESTING_CHECK = `import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { CurrentUser, NcConnectGuard } from 'nestjs-nc-connect';
import { NcConnectTestingModule, NcConnectTestingUser } from 'nestjs-nc-connect/testing';

@Controller()
class MeController {
  @Get('me')
  me(@CurrentUser('login') login: string) {
    return { login };
  }
}

@Module({
  imports: [NcConnectTestingModule.forRoot({ user: { sub: 'ppid-test', login: 'test.user', claims: {} } })],
  controllers: [MeController],
  providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],
})
class TestModule {}

const app = await NestFactory.create(TestModule, { logger: false });
await app.listen(0, '127.0.0.1');
const url = \`http://127.0.0.1:\${app.getHttpServer().address().port}/me\`;
const loggedIn = await (await fetch(url)).json();
app.get(NcConnectTestingUser).logOut();
const anonymous = (await fetch(url)).status;
await app.close();
console.log(JSON.stringify({ loggedIn, anonymous }));
`;

const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2023',
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict: true,
    skipLibCheck: true,
    outDir: './dist',
    rootDir: './src',
    types: ['node'],
  },
  include: ['src'],
};

/** Starts the compiled app and resolves once it listens. */
function startApp(dir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    env: { ...npmEnv, PORT: String(port), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('READY')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}:\n${output}`));
    });
  });
}

describe('the npm packages, installed from their tarballs into a fresh Nest app', () => {
  let work: string;
  let appDir: string;
  let app: Awaited<ReturnType<typeof startApp>>;
  let url: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'nc-connect-packages-'));
    const { stdout } = await run(process.execPath, ['scripts/pack-packages.mjs', '--out', join(work, 'tarballs')], {
      cwd: ROOT,
      env: npmEnv,
    });
    const [library, emulator] = stdout.trim().split('\n');
    appDir = join(work, 'app');
    mkdirSync(join(appDir, 'src'), { recursive: true });
    const manifest = {
      name: 'fresh-nc-connect-app',
      private: true,
      type: 'module',
      dependencies: {
        'nestjs-nc-connect': `file:${library}`,
        'nestjs-nc-connect-emulator': `file:${emulator}`,
        ...pinned([
          '@nestjs/common',
          '@nestjs/core',
          '@nestjs/platform-express',
          '@nestjs/passport',
          '@nestjs/terminus',
          'openid-client',
          'passport',
          'reflect-metadata',
          'rxjs',
        ]),
      },
      devDependencies: pinned(['typescript', '@types/node', '@types/express']),
    };
    writeFileSync(join(appDir, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(join(appDir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(appDir, 'src/app.module.ts'), APP_MODULE);
    writeFileSync(join(appDir, 'src/main.ts'), MAIN);
    writeFileSync(join(appDir, 'src/testing-check.ts'), TESTING_CHECK);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: appDir,
      env: npmEnv,
    });
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: appDir });
    const port = await freePort();
    url = `http://localhost:${port}`;
    app = await startApp(appDir, port);
  }, 240_000);

  afterAll(() => {
    app?.child.kill();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs ESM packages with type declarations and an exports map', () => {
    const installed = JSON.parse(
      readFileSync(join(appDir, 'node_modules/nestjs-nc-connect/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(installed.type).toBe('module');
    expect(Object.keys(installed.exports as object)).toEqual(['.', './testing', './health', './package.json']);
    for (const file of ['index.d.ts', 'testing/index.d.ts', 'health/index.d.ts', 'README.md', 'LICENSE']) {
      expect(readFileSync(join(appDir, 'node_modules/nestjs-nc-connect', file), 'utf8').length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(appDir, 'node_modules/nestjs-nc-connect-emulator/index.d.ts'), 'utf8')).toContain(
      'startNcConnectEmulator',
    );
  });

  it('logs jean.dupont in through the installed emulator', async () => {
    const browser = new FakeBrowser();
    expect((await logIn(browser, url)).status).toBe(302);
    expect((await getJson(browser, `${url}/me`)).body).toMatchObject({
      login: 'jean.dupont',
      email: 'jean.dupont@example.nc',
    });
    const { accessToken } = (await getJson(browser, `${url}/token`)).body as { accessToken: string };
    const api = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await api.json()).toEqual({ login: 'jean.dupont' });
  });

  it('reports NC Connect up through nestjs-nc-connect/health and @nestjs/terminus', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { 'nc-connect': { status: 'up', jwks: 'up' } } });
  });

  it('runs nestjs-nc-connect/testing: logged in, then anonymous, with no provider', async () => {
    const { stdout } = await run(process.execPath, ['dist/testing-check.js'], { cwd: appDir });
    expect(JSON.parse(stdout)).toEqual({ loggedIn: { login: 'test.user' }, anonymous: 401 });
  });
});
