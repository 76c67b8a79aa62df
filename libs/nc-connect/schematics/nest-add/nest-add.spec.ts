import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestAddOptions } from './nest-add-options.js';
import type { LibraryManifest } from './package-json.js';
import { EMULATOR_RANGE } from './package-json.js';
import { LOGGED_OUT_CONTROLLER_SOURCE } from './snippets.js';

// The schematic, built as it is packed, run by SchematicTestRunner on the files of `nest new` (CLI 12:
// an ESM app). SchematicTestRunner runs in a child Node process (../testing/run-schematic.mjs):
// Jest cannot load @angular-devkit/schematics before Node 24.9.

// This folder is CommonJS (no import.meta) and Jest's ESM mode has no __dirname: paths from the root.
const ROOT = process.cwd();
const LIBRARY = join(ROOT, 'libs/nc-connect');
const library = JSON.parse(readFileSync(join(LIBRARY, 'package.json'), 'utf8')) as LibraryManifest;

const NEST_NEW_MODULE = `import { Module } from '@nestjs/common';
import { AppController } from './app.controller.js';
import { AppService } from './app.service.js';

@Module({
  imports: [],
  controllers: [AppController],
  providers: [AppService],
})
export class AppModule {}
`;

const NEST_NEW_PACKAGE = {
  name: 'demo',
  type: 'module',
  scripts: { build: 'nest build', 'start:dev': 'nest start --watch' },
  dependencies: { '@nestjs/common': '^12.0.1', '@nestjs/core': '^12.0.1', '@nestjs/platform-express': '^12.0.1' },
  devDependencies: { '@nestjs/cli': '^12.0.0', typescript: '^6.0.2' },
};

/** The files of a `nest new` app, with `appModule` as its src/app.module.ts. */
function nestNewApp(appModule = NEST_NEW_MODULE): Record<string, string> {
  return {
    'package.json': JSON.stringify(NEST_NEW_PACKAGE, null, 2),
    'src/app.module.ts': appModule,
    'src/main.ts': 'await bootstrap();\n',
  };
}

interface Scenario {
  files: Record<string, string>;
  options?: NestAddOptions;
  /** How many times to run the schematic on the same files. @default 1 */
  runs?: number;
}

/** The files, log and scheduled tasks after one run, or its error. */
interface RunResult {
  files: Record<string, string>;
  log: string;
  tasks: string[];
  error?: string;
}

/** Runs every scenario in one child process (building the schematic takes a few seconds). */
function runScenarios(scenarios: Scenario[]): Promise<RunResult[][]> {
  const child = spawn(process.execPath, [join(LIBRARY, 'schematics/testing/run-schematic.mjs')], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stdin.end(JSON.stringify(scenarios));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`exit ${code}`)))),
  );
}

const CONFIG_IMPORT = "import { Module } from '@nestjs/common';\nimport { ConfigModule } from '@nestjs/config';";
const UNREADABLE: [string, string, string][] = [
  [
    'a list that is not an array literal',
    NEST_NEW_MODULE.replace('imports: []', 'imports: sharedImports'),
    'its @Module() "imports" is not an array literal',
  ],
  ['a syntax error', NEST_NEW_MODULE.replace('})\nexport', '\nexport'), 'it does not parse'],
  ['no @Module({ ... })', 'export const AppModule = buildModule();\n', 'it has no class decorated with @Module'],
];
const SCENARIOS = {
  fresh: { files: nestNewApp(), runs: 2 },
  elsewhere: { files: nestNewApp(), options: { appUrl: 'http://localhost:8080/', emulatorPort: 4100 } },
  existing: {
    files: {
      ...nestNewApp(
        NEST_NEW_MODULE.replace("import { Module } from '@nestjs/common';", CONFIG_IMPORT).replace(
          'imports: [],',
          'imports: [ConfigModule.forRoot()],',
        ),
      ),
      '.env': 'NC_CONNECT_ISSUER=https://connect.gouv.nc/realms/nc\nDATABASE_URL=postgres://x',
      '.gitignore': 'dist\n/.env\n',
    },
  },
  noMetadataLists: {
    files: nestNewApp("import { Module } from '@nestjs/common';\n\n@Module({})\nexport class AppModule {}\n"),
  },
  badUrl: { files: nestNewApp(), options: { appUrl: 'localhost:3000' } },
  ...Object.fromEntries(UNREADABLE.map(([name, appModule]) => [name, { files: nestNewApp(appModule) }])),
} satisfies Record<string, Scenario>;

let results: Record<string, RunResult[]>;

beforeAll(async () => {
  const names = Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[];
  const outcomes = await runScenarios(names.map((name) => SCENARIOS[name]));
  results = Object.fromEntries(names.map((name, index) => [name, outcomes[index]]));
}, 60_000);

describe('nest add nestjs-nc-connect', () => {
  it('wires AppModule of a nest new app: ConfigModule, NcConnectModule.forRootAsync, the logged-out page, the global guard', () => {
    const [fresh] = results.fresh;
    expect(fresh.files['src/app.module.ts']).toBe(`import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { NcConnectGuard, NcConnectModule } from 'nestjs-nc-connect';
import { AppController } from './app.controller.js';
import { AppService } from './app.service.js';
import { LoggedOutController } from './logged-out.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    NcConnectModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        issuer: config.getOrThrow<string>('NC_CONNECT_ISSUER'),
        clientId: config.getOrThrow<string>('NC_CONNECT_CLIENT_ID'),
        clientSecret: config.getOrThrow<string>('NC_CONNECT_CLIENT_SECRET'),
        redirectUri: config.getOrThrow<string>('NC_CONNECT_REDIRECT_URI'),
        postLogoutRedirectUri: config.getOrThrow<string>('NC_CONNECT_POST_LOGOUT_REDIRECT_URI'),
        session: { secret: config.get<string>('SESSION_SECRET') },
      }),
    }),
  ],
  controllers: [AppController, LoggedOutController],
  providers: [AppService, { provide: APP_GUARD, useClass: NcConnectGuard }],
})
export class AppModule {}
`);
    expect(fresh.files['src/logged-out.controller.ts']).toContain("@Public()\n  @Get('logged-out')");
    expect(fresh.files['src/main.ts']).toBe('await bootstrap();\n');
    expect(fresh.log).toContain('Every route of the app now needs a login');
  });

  it('points .env at the emulator with a fresh session secret, and keeps .env out of git', () => {
    const [{ files }] = results.fresh;
    const env = files['.env'];
    expect(env).toContain('NC_CONNECT_ISSUER=http://localhost:4000/v3/realms/nc-connect\n');
    expect(env).toContain('NC_CONNECT_CLIENT_ID=nc-connect-demo\nNC_CONNECT_CLIENT_SECRET=nc-connect-demo-secret\n');
    expect(env).toContain('NC_CONNECT_REDIRECT_URI=http://localhost:3000/auth/callback\n');
    expect(env).toContain('NC_CONNECT_POST_LOGOUT_REDIRECT_URI=http://localhost:3000/logged-out\n');
    expect(env).toMatch(/^SESSION_SECRET=[\w-]{43}$/m);
    expect(env).not.toContain('PORT=');
    expect(files['.gitignore']).toMatch(/^\.env$/m);
  });

  it('adds the peers, @nestjs/config, the emulator and its script to package.json, then installs', () => {
    const [{ files, tasks }] = results.fresh;
    const manifest = JSON.parse(files['package.json']) as typeof NEST_NEW_PACKAGE;
    expect(manifest.dependencies).toEqual({
      ...NEST_NEW_PACKAGE.dependencies,
      '@nestjs/config': '^12.0.0',
      '@nestjs/passport': library.peerDependencies!['@nestjs/passport'],
      'nestjs-nc-connect': `^${library.version}`,
      'openid-client': library.peerDependencies!['openid-client'],
      passport: library.peerDependencies!.passport,
    });
    expect(manifest.devDependencies).toEqual({
      ...NEST_NEW_PACKAGE.devDependencies,
      'nestjs-nc-connect-emulator': EMULATOR_RANGE,
    });
    expect(manifest.scripts).toEqual({
      ...NEST_NEW_PACKAGE.scripts,
      'nc-connect:emulator': 'nc-connect-emulator --app-url http://localhost:3000',
    });
    expect(tasks).toEqual(['node-package']);
  });

  it('writes the logged-out controller that docs/nest-add.md shows', () => {
    expect(results.fresh[0].files['src/logged-out.controller.ts']).toBe(LOGGED_OUT_CONTROLLER_SOURCE);
    const docs = readFileSync(join(ROOT, 'docs/nest-add.md'), 'utf8');
    expect(docs).toContain(`\`\`\`ts\n${LOGGED_OUT_CONTROLLER_SOURCE}\`\`\``);
  });

  it('asks for the version of the emulator that is released with the library', () => {
    const emulatorManifest = join(ROOT, 'libs/nc-connect-emulator/package.json');
    const emulator = JSON.parse(readFileSync(emulatorManifest, 'utf8')) as LibraryManifest;
    expect(EMULATOR_RANGE).toBe(`^${emulator.version}`);
  });

  it('uses --app-url and --emulator-port in .env and in the npm script', () => {
    const [{ files }] = results.elsewhere;
    expect(files['.env']).toContain('NC_CONNECT_ISSUER=http://localhost:4100/v3/realms/nc-connect\n');
    expect(files['.env']).toContain('NC_CONNECT_REDIRECT_URI=http://localhost:8080/auth/callback\n');
    expect(files['.env']).toContain('PORT=8080\n');
    expect(JSON.parse(files['package.json']).scripts['nc-connect:emulator']).toBe(
      'nc-connect-emulator --port 4100 --app-url http://localhost:8080',
    );
  });

  it('changes nothing, and installs nothing, when run a second time', () => {
    const [first, second] = results.fresh;
    expect(second.error).toBeUndefined();
    expect(second.files).toEqual(first.files);
    expect(second.tasks).toEqual([]);
  });

  it('keeps what the app already has: its ConfigModule, its .env values, its .gitignore', () => {
    const [{ files }] = results.existing;
    const module = files['src/app.module.ts'];
    expect(module).toContain("import { ConfigModule, ConfigService } from '@nestjs/config';");
    expect(module.match(/ConfigModule\.forRoot/g)).toHaveLength(1);
    expect(module).toContain('NcConnectModule.forRootAsync({\n      imports: [ConfigModule],\n');
    const env = files['.env'];
    expect(
      env.startsWith('NC_CONNECT_ISSUER=https://connect.gouv.nc/realms/nc\nDATABASE_URL=postgres://x\n\n# NC'),
    ).toBe(true);
    expect(env.match(/NC_CONNECT_ISSUER/g)).toHaveLength(1);
    expect(files['.gitignore']).toBe('dist\n/.env\n');
  });

  it('adds the lists a @Module({}) does not have', () => {
    const [{ files }] = results.noMetadataLists;
    expect(files['src/app.module.ts']).toContain(
      '@Module({\n  imports: [\n    ConfigModule.forRoot({ isGlobal: true }),\n    NcConnectModule.forRootAsync({\n',
    );
    expect(files['src/app.module.ts']).toContain(
      '  controllers: [LoggedOutController],\n  providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],\n})',
    );
  });

  it.each(UNREADABLE)(
    'leaves an app module with %s unchanged and prints the snippet to paste',
    (name, appModule, reason) => {
      const [{ files, log }] = results[name];
      expect(files['src/app.module.ts']).toBe(appModule);
      expect(log).toContain(`warn: src/app.module.ts was left unchanged: ${reason}`);
      expect(log).toContain("import { LoggedOutController } from './logged-out.controller.js';");
      expect(log).toContain('    NcConnectModule.forRootAsync({\n      inject: [ConfigService],\n');
      expect(log).toContain('  providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],');
      expect(files['src/logged-out.controller.ts']).toContain('export class LoggedOutController');
      expect(files['.env']).toContain('NC_CONNECT_CLIENT_ID=nc-connect-demo');
    },
  );

  it('refuses an --app-url that is not a URL, naming the option', () => {
    const [{ error }] = results.badUrl;
    expect(error).toBe('--app-url: "localhost:3000" must be an http or https URL');
  });
});
