// Rebuilds a build output when a source file (TypeScript or JSON, specs excepted) is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !/\.(e2e-)?spec\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Runs `command` (an npm/npx argument list, with a message) when `output` is missing or older
 * than any source under `sourceDirs` (relative to the repository root).
 */
export function buildIfNeeded({ output, sourceDirs, command, message }) {
  const target = join(root, output);
  const sources = Math.max(...sourceDirs.map((dir) => newestSource(join(root, dir))));
  if (existsSync(target) && statSync(target).mtimeMs >= sources) return;
  console.log(message);
  execFileSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
}
