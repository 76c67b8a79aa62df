// Makes sure the Debian packages the test suite drives for real are installed: Chromium (browser
// tests, through playwright-core) and redis-server (Redis sessions). As root with apt-get it installs
// what is missing, saying so; otherwise it stops at once with the exact command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → a file proving it is installed. */
export const SYSTEM_PACKAGES = {
  chromium: '/usr/bin/chromium',
  'redis-server': '/usr/bin/redis-server',
};

export function missingPackages(packages = Object.keys(SYSTEM_PACKAGES)) {
  return packages.filter((name) => !existsSync(SYSTEM_PACKAGES[name]));
}

export function ensureSystemPackages(packages = Object.keys(SYSTEM_PACKAGES)) {
  const missing = missingPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(
      `The tests need the Debian package(s) ${missing.join(', ')}. Install them with:\n\n  sudo ${command}\n`,
    );
    process.exit(1);
  }
  console.log(`Installing the Debian package(s) the tests need: ${missing.join(', ')} (${command})`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingPackages(packages);
  if (still.length > 0) {
    console.error(`apt-get ran but ${still.join(', ')} is still missing.`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  ensureSystemPackages(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
