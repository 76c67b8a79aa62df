import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { NestAddOptions } from '../nest-add/nest-add-options.js';

// For nest-add.spec.ts: the files of an app from `nest new` (CLI 12, an ESM app), and a runner of the
// built schematic in a child Node process (run-schematic.mjs): Jest cannot load
// @angular-devkit/schematics before Node 24.9 (it require()s magic-string, an ES module).

/** The monorepo's root (this folder is CommonJS, and Jest's ESM mode has no __dirname). */
export const ROOT = process.cwd();

export const NEST_NEW_MODULE = `import { Module } from '@nestjs/common';
import { AppController } from './app.controller.js';
import { AppService } from './app.service.js';

@Module({
  imports: [],
  controllers: [AppController],
  providers: [AppService],
})
export class AppModule {}
`;

export const NEST_NEW_E2E_SPEC = `import { Test, TestingModule } from '@nestjs/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types.js';
import { AppModule } from './../src/app.module.js';

describe('AppController (e2e)', () => {
  let app: INestApplication<App>;

  beforeEach(async () => {
    const moduleFixture: TestingModule = await Test.createTestingModule({
      imports: [AppModule],
    }).compile();

    app = moduleFixture.createNestApplication();
    await app.init();
  });
});
`;

export const NEST_NEW_PACKAGE = {
  name: 'demo',
  type: 'module',
  scripts: { build: 'nest build', 'start:dev': 'nest start --watch' },
  dependencies: { '@nestjs/common': '^12.0.1', '@nestjs/core': '^12.0.1', '@nestjs/platform-express': '^12.0.1' },
  devDependencies: { '@nestjs/cli': '^12.0.0', typescript: '^6.0.2' },
};

/** The files of a `nest new` app, with `appModule` as its src/app.module.ts. */
export function nestNewApp(appModule = NEST_NEW_MODULE): Record<string, string> {
  return {
    'package.json': JSON.stringify(NEST_NEW_PACKAGE, null, 2),
    'src/app.module.ts': appModule,
    'src/main.ts': 'await bootstrap();\n',
    'test/app.e2e-spec.ts': NEST_NEW_E2E_SPEC,
  };
}

/** Files the schematic runs on, with options. */
export interface Scenario {
  files: Record<string, string>;
  options?: NestAddOptions;
  /** How many times to run the schematic on the same files. @default 1 */
  runs?: number;
}

/** The files, log and scheduled tasks after one run, or its error. */
export interface RunResult {
  files: Record<string, string>;
  log: string;
  tasks: string[];
  error?: string;
}

/** Builds the schematic and runs every scenario with SchematicTestRunner, in one child process. */
export function runScenarios(scenarios: Scenario[]): Promise<RunResult[][]> {
  const child = spawn(process.execPath, [join(ROOT, 'libs/nc-connect/schematics/testing/run-schematic.mjs')], {
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
