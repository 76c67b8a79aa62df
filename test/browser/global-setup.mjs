// Jest globalSetup of the `browser` project. Debian's Chromium must be there before any browser
// test starts: as root it is installed, otherwise the run stops with the command to type. The
// screenshots and HTML of an earlier run's failures are removed, so that what is there is current.
import { rmSync } from 'node:fs';
import { ensureSystemPackages } from '../../scripts/system-deps.mjs';

export default function prepareBrowserTests() {
  ensureSystemPackages(['chromium']);
  rmSync(new URL('../../test-results/browser/', import.meta.url), { recursive: true, force: true });
}
