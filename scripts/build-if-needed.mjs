// Builds the library, the emulator and the sample app when a source file is newer than the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'dist/apps/sample/apps/sample/src/dev.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))
      latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

export function buildIfNeeded() {
  const sources = Math.max(newest(join(root, 'apps')), newest(join(root, 'libs')));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  console.log('Building the library, the emulator and the sample app (npm run build)…');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
