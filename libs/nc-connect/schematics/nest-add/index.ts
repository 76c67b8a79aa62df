import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '@angular-devkit/schematics';
import type { NestAddOptions } from './nest-add-options.js';
import { createNestAdd } from './nest-add-rule.js';
import type { LibraryManifest } from './package-json.js';

/**
 * `nest add nestjs-nc-connect`: the Nest CLI installs the package, then runs this schematic
 * (collection.json, `nest-add`) in the app's folder.
 */
export function nestAdd(options: NestAddOptions): Rule {
  // The package's own package.json, two folders up from schematics/nest-add/ (a CommonJS module).
  const library = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as LibraryManifest;
  return createNestAdd(library)(options);
}
