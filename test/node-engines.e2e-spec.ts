import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { NODE_LINES } from '../scripts/node-line.mjs';

// The Node.js versions the project advertises (`engines`) are the ones CI tests, and no locked
// package, the library's or the tools', warns (EBADENGINE) on the lowest version of any advertised line.

const ROOT = new URL('..', import.meta.url).pathname;
const MANIFESTS = ['package.json', 'libs/nc-connect/package.json', 'libs/nc-connect-emulator/package.json'];

const engines = (path: string): string =>
  (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { engines: { node: string } }).engines.node;

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

const advertised = engines('package.json');

/** The lowest version of each line `range` allows: `^22.22.3 || >=24.15.0` gives 22.22.3 and 24.15.0. */
const lowestOfEachLine = (range: string): string[] =>
  new semver.Range(range).set.map((comparators) => semver.minVersion(comparators.map(String).join(' '))!.version);

describe('Node.js versions', () => {
  it('are the same in the root, library and emulator manifests, and in the lock file', () => {
    expect(MANIFESTS.map(engines)).toEqual(MANIFESTS.map(() => advertised));
    expect(lock.packages[''].engines).toEqual({ node: advertised });
  });

  it('include every Node.js version CI tests the suites on', () => {
    for (const version of Object.values(NODE_LINES))
      expect([version, semver.satisfies(version, advertised)]).toEqual([version, true]);
  });

  it('satisfy the engines of every locked package, at the lowest version of each advertised line', () => {
    const lowest = lowestOfEachLine(advertised);
    expect(lowest).toEqual(['22.22.3', '24.15.0']);
    const warnings = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      return path && range
        ? lowest.filter((v) => !semver.satisfies(v, range)).map((v) => `${path} needs ${range}, not ${v}`)
        : [];
    });
    expect(warnings).toEqual([]);
  });
});
