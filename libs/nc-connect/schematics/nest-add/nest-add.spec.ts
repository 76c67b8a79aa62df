import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NEST_NEW_E2E_SPEC,
  NEST_NEW_MODULE,
  NEST_NEW_PACKAGE,
  nestNewApp,
  ROOT,
  runScenarios,
  type RunResult,
  type Scenario,
} from '../testing/nest-new-app.js';
import { EMULATOR_RANGE, type LibraryManifest } from './package-json.js';
import { LOGGED_OUT_CONTROLLER_SOURCE } from './snippets.js';

// The schematic, built as it is packed, run by SchematicTestRunner on the files of `nest new`.

const library = JSON.parse(readFileSync(join(ROOT, 'libs/nc-connect/package.json'), 'utf8')) as LibraryManifest;

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
  elsewhere: {
    files: nestNewApp(),
    options: { appUrl: 'http://localhost:8080/', emulatorPort: 4100, skipInstall: true },
  },
  commonjs: { files: nestNewApp(NEST_NEW_MODULE.replaceAll(".js';", "';")) },
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
  prefixed: {
    files: {
      ...nestNewApp(),
      'src/main.ts': "app.setGlobalPrefix('/api/');\nawait app.listen(process.env.PORT ?? 8080);\n",
    },
  },
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

export const ncConnect = NcConnectModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({
    issuer: config.getOrThrow<string>('NC_CONNECT_ISSUER'),
    clientId: config.getOrThrow<string>('NC_CONNECT_CLIENT_ID'),
    clientSecret: config.getOrThrow<string>('NC_CONNECT_CLIENT_SECRET'),
    redirectUri: config.getOrThrow<string>('NC_CONNECT_REDIRECT_URI'),
    postLogoutRedirectUri: config.getOrThrow<string>('NC_CONNECT_POST_LOGOUT_REDIRECT_URI'),
    session: { secret: config.get<string>('SESSION_SECRET') },
  }),
});

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true }), ncConnect],
  controllers: [AppController, LoggedOutController],
  providers: [AppService, { provide: APP_GUARD, useClass: NcConnectGuard }],
})
export class AppModule {}
`);
    expect(fresh.files['src/logged-out.controller.ts']).toContain("@Public()\n  @Get('logged-out')");
    expect(fresh.files['src/main.ts']).toBe('await bootstrap();\n');
    expect(fresh.log).toContain('Every route of the app now needs a login');
  });

  it("replaces NcConnectModule with NcConnectTestingModule and a test user in nest new's e2e test", () => {
    const [fresh] = results.fresh;
    expect(fresh.files['test/app.e2e-spec.ts']).toBe(
      NEST_NEW_E2E_SPEC.replace(
        "import { AppModule } from './../src/app.module.js';",
        "import { NcConnectTestingModule } from 'nestjs-nc-connect/testing';\n" +
          "import { AppModule, ncConnect } from './../src/app.module.js';",
      ).replace(
        '    }).compile();',
        '    })\n' +
          '      .overrideModule(ncConnect)\n' +
          "      .useModule(NcConnectTestingModule.forRoot({ user: { sub: 'test-user', claims: {} } }))\n" +
          '      .compile();',
      ),
    );
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
      '@opentelemetry/api': library.peerDependencies!['@opentelemetry/api'],
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

  it('installs nothing with --skip-install', () => {
    const [{ files, tasks }] = results.elsewhere;
    expect(JSON.parse(files['package.json']).dependencies['@nestjs/config']).toBe('^12.0.0');
    expect(tasks).toEqual([]);
  });

  it('imports the controller without .js in a CommonJS app', () => {
    const [{ files }] = results.commonjs;
    expect(files['src/app.module.ts']).toContain("import { LoggedOutController } from './logged-out.controller';\n");
  });

  it("takes the app's URL from main.ts: its default port and its global prefix", () => {
    const [{ files }] = results.prefixed;
    expect(files['.env']).toContain('NC_CONNECT_REDIRECT_URI=http://localhost:8080/api/auth/callback\n');
    expect(files['.env']).toContain('NC_CONNECT_POST_LOGOUT_REDIRECT_URI=http://localhost:8080/api/logged-out\n');
    expect(files['.env']).not.toContain('PORT=');
    expect(JSON.parse(files['package.json']).scripts['nc-connect:emulator']).toBe(
      'nc-connect-emulator --app-url http://localhost:8080/api',
    );
  });

  it('changes nothing, and installs nothing, when run a second time', () => {
    const [first, second] = results.fresh;
    expect(second.error).toBeUndefined();
    expect(second.files).toEqual(first.files);
    expect(second.tasks).toEqual([]);
    expect(second.log).toBe('info: NC Connect is already wired in: nothing to change.');
  });

  it('keeps what the app already has: its ConfigModule, its .env values, its .gitignore', () => {
    const [{ files }] = results.existing;
    const module = files['src/app.module.ts'];
    expect(module).toContain("import { ConfigModule, ConfigService } from '@nestjs/config';");
    expect(module.match(/ConfigModule\.forRoot/g)).toHaveLength(1);
    expect(module).toContain('NcConnectModule.forRootAsync({\n  imports: [ConfigModule],\n');
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
      '@Module({\n' +
        '  imports: [ConfigModule.forRoot({ isGlobal: true }), ncConnect],\n' +
        '  controllers: [LoggedOutController],\n' +
        '  providers: [{ provide: APP_GUARD, useClass: NcConnectGuard }],\n' +
        '})',
    );
  });

  it.each(UNREADABLE)(
    'leaves an app module with %s unchanged and prints the snippet to paste',
    (name, appModule, reason) => {
      const [{ files, log }] = results[name];
      expect(files['src/app.module.ts']).toBe(appModule);
      expect(log).toContain(`warn: src/app.module.ts was left unchanged: ${reason}`);
      expect(log).toContain("import { LoggedOutController } from './logged-out.controller.js';");
      expect(log).toContain('export const ncConnect = NcConnectModule.forRootAsync({\n  inject: [ConfigService],\n');
      expect(log).toContain('  imports: [ConfigModule.forRoot({ isGlobal: true }), ncConnect],');
      expect(files['test/app.e2e-spec.ts']).toBe(NEST_NEW_E2E_SPEC);
      expect(log).toContain(
        'warn: test/app.e2e-spec.ts was left unchanged (src/app.module.ts does not export ncConnect)',
      );
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
