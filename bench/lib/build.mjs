import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the library, the emulator and the sample app when dist/ is missing or older than their
 * sources (scripts/build-if-needed.mjs), with its output on stderr so that stdout stays for results.
 */
export function buildIfNeeded() {
  const script = `
    import { buildIfNeeded } from './scripts/build-if-needed.mjs';
    buildIfNeeded({
      output: 'dist/apps/sample/apps/sample/src/main.js',
      sourceDirs: ['apps', 'libs'],
      command: ['npm', 'run', '-s', 'build'],
      message: 'Building the library, the emulator and the sample app (npm run build)…',
    });`;
  const { status } = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (status !== 0) throw new Error('the build failed');
}
