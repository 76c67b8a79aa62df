// Runs the built `nest-add` schematic with SchematicTestRunner in plain Node, for
// nest-add/nest-add.spec.ts: Jest cannot load @angular-devkit/schematics on Node < 24.9 (it
// require()s magic-string, an ES module). Reads scenarios as JSON on stdin:
//   [{ "files": { "<path>": "<content>" }, "options": { ... }, "runs": 1 }]
// and prints, for each, the files, log and scheduled tasks after each run.
import { virtualFs } from '@angular-devkit/core';
import { HostTree } from '@angular-devkit/schematics';
import { SchematicTestRunner } from '@angular-devkit/schematics/testing/index.js';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchematics } from '../../../../scripts/build-schematics.mjs';

const library = new URL('../../package.json', import.meta.url).pathname;
const packageDir = mkdtempSync(join(tmpdir(), 'nc-connect-schematic-'));
try {
  copyFileSync(library, join(packageDir, 'package.json'));
  const runner = new SchematicTestRunner('nestjs-nc-connect', join(buildSchematics(packageDir), 'collection.json'));
  const scenarios = JSON.parse(readFileSync(0, 'utf8'));
  const results = [];
  for (const { files, options, runs = 1 } of scenarios) {
    let current = files;
    const outcome = [];
    for (let run = 0; run < runs; run++) {
      // Each run on files already there, as each `nest add` finds them on the disk.
      const disk = new virtualFs.test.TestHost(
        Object.fromEntries(Object.entries(current).map(([p, c]) => [`/${p}`, c])),
      );
      let tree = new HostTree(disk);
      const log = [];
      const subscription = runner.logger.subscribe((entry) => log.push(`${entry.level}: ${entry.message}`));
      try {
        tree = await runner.runSchematic('nest-add', options ?? {}, tree);
        const out = Object.fromEntries(tree.files.map((path) => [path.slice(1), tree.readText(path)]));
        outcome.push({ files: out, log: log.join('\n'), tasks: runner.tasks.map((task) => task.name) });
        current = out;
      } catch (error) {
        outcome.push({ error: error.message, log: log.join('\n') });
      } finally {
        subscription.unsubscribe();
      }
    }
    results.push(outcome);
  }
  process.stdout.write(JSON.stringify(results));
} finally {
  rmSync(packageDir, { recursive: true, force: true });
}
