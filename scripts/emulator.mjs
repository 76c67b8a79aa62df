// `npm run emulator -- [options]`: builds the NC Connect emulator when its build is missing or older
// than its sources, then runs its command line (`--help` lists the options).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = join(root, 'libs/nc-connect-emulator');
const cli = join(root, 'dist/libs/nc-connect-emulator/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestSource(join(project, 'src')),
  statSync(join(project, 'tsconfig.build.json')).mtimeMs,
  statSync(join(project, 'package.json')).mtimeMs,
);
if (!existsSync(cli) || statSync(cli).mtimeMs < sources) {
  console.log('Building the NC Connect emulator (nest build nc-connect-emulator)…');
  execFileSync('npx', ['nest', 'build', 'nc-connect-emulator'], { cwd: root, stdio: 'inherit' });
}

// The command line reads process.argv.slice(2), which are this script's arguments too.
await import(pathToFileURL(cli).href);
