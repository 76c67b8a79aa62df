import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Helpers for tests that install the packed packages into a fresh app outside the monorepo, as a
// user would: pack the libraries, pin peers to the monorepo's lock file, install with npm's cache,
// start the compiled app and stop it again.

/** The monorepo's root folder. */
export const ROOT = new URL('../..', import.meta.url).pathname;

/** `execFile` as a promise. */
export const run = promisify(execFile);

/** The environment for child npm commands, without the npm_* variables of an enclosing `npm test`. */
export const npmEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => !/^npm_/i.test(entry[0]) && !!entry[1]),
);

/** The version of `name` in the monorepo's package-lock.json. */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  return lock.packages[`node_modules/${name}`].version;
}

/** `{ name: version }` for each name, at the monorepo's locked versions. */
export function pinned(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, lockedVersion(name)]));
}

/** Every package npm installed in `appDir`, by name, wherever it is nested (npm's hidden lockfile). */
export function installedPackages(appDir: string): string[] {
  const hidden = JSON.parse(readFileSync(join(appDir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  return Object.keys(hidden.packages).map((path) => path.slice(path.lastIndexOf('node_modules/') + 13));
}

/** The tarballs of the two packages, as `npm pack` made them. */
export interface PackedPackages {
  /** nestjs-nc-connect-<version>.tgz */
  library: string;
  /** nestjs-nc-connect-emulator-<version>.tgz */
  emulator: string;
}

/** Builds and packs both libraries into `outDir` (scripts/pack-packages.mjs). */
export async function packPackages(outDir: string): Promise<PackedPackages> {
  const { stdout } = await run(process.execPath, ['scripts/pack-packages.mjs', '--out', outDir], {
    cwd: ROOT,
    env: npmEnv,
  });
  const [library, emulator] = stdout.trim().split('\n');
  return { library, emulator };
}

/** `npm install [packages]` in `dir`, from npm's cache when it can. */
export async function npmInstall(dir: string, args: string[] = []): Promise<void> {
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
    cwd: dir,
    env: npmEnv,
  });
}

/** A child process started by {@link startApp}. */
export interface RunningApp {
  child: ChildProcess;
  /** Its standard output and error so far. */
  output: () => string;
}

/** How {@link startApp} starts a process and knows it is ready. */
export interface StartOptions {
  /** The command and its arguments. @default node dist/main.js */
  command?: [string, ...string[]];
  /** Printed once the process listens. @default 'READY' */
  ready?: string | RegExp;
  /** @default 60_000 */
  timeoutMs?: number;
}

/** Starts a process in `dir` with `env` (in its own process group) and resolves once it prints `ready`. */
export function startApp(dir: string, env: Record<string, string>, options: StartOptions = {}): Promise<RunningApp> {
  const [command, ...args] = options.command ?? [process.execPath, 'dist/main.js'];
  const ready = options.ready ?? 'READY';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(command, args, {
    cwd: dir,
    env: { ...npmEnv, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own group, so that stopApp also ends what an `npm run` started.
    detached: true,
  });
  let output = '';
  const isReady = () => (typeof ready === 'string' ? output.includes(ready) : ready.test(output));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopApp({ child, output: () => output }).catch(() => undefined);
      reject(new Error(`${command} ${args.join(' ')} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      if (isReady()) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Stops the process and its group and waits for its exit, so that its port is free again. */
export async function stopApp(app: RunningApp | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  try {
    process.kill(-app.child.pid!, 'SIGTERM');
  } catch {
    app.child.kill();
  }
  await exited;
}
