// Builds the `nest add nestjs-nc-connect` schematic (libs/nc-connect/schematics, CommonJS as the
// schematics engine require()s it) into <packageDir>/schematics: tsc's output beside collection.json,
// the schema and the package.json that marks the folder CommonJS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './build-if-needed.mjs';

const SOURCE = join(root, 'libs/nc-connect/schematics');

/** The files that tsc does not emit. */
const JSON_FILES = ['collection.json', 'package.json', 'nest-add/schema.json'];

/** Compiles the schematic into `<packageDir>/schematics`. */
export function buildSchematics(packageDir) {
  const out = join(packageDir, 'schematics');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(SOURCE, 'tsconfig.build.json'), '--outDir', out],
    { cwd: root, stdio: 'inherit' },
  );
  for (const file of JSON_FILES) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    copyFileSync(join(SOURCE, file), join(out, file));
  }
  return out;
}
