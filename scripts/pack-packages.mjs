// `npm run pack:packages [-- --out <dir>]`: builds nestjs-nc-connect and nestjs-nc-connect-emulator
// as the npm packages users install (ESM, type declarations, an exports map, README and LICENSE)
// and packs each with `npm pack` into <dir> (default dist/packages). Prints the tarballs' paths.
//
// Each library is compiled with tsc into its own staging folder (never into dist/libs, which
// `npm run build` owns); its package.json is written for that layout and every path it names
// (main, types, bin, exports) is checked to exist before packing.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './build-if-needed.mjs';
import { buildSchematics } from './build-schematics.mjs';

/** The libraries published, by folder. */
const LIBRARIES = ['libs/nc-connect', 'libs/nc-connect-emulator'];

/** The environment for child npm commands, without the npm_* variables of an enclosing `npm run`. */
export function cleanNpmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Every file path a package.json names: main, types, bin and the exports map (conditions included). */
function namedPaths(manifest) {
  const paths = [manifest.main, manifest.types, manifest.schematics];
  const bin = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const walk = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  return [...paths, ...bin].filter((path) => typeof path === 'string');
}

/** Builds and packs every library into `outDir`; returns the tarballs' absolute paths. */
export function packPackages(outDir) {
  const out = resolve(outDir);
  const staging = join(out, 'staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tarballs = [];
  for (const library of LIBRARIES) {
    const manifest = JSON.parse(readFileSync(join(root, library, 'package.json'), 'utf8'));
    const target = join(staging, manifest.name);
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(root, library, 'tsconfig.build.json'),
        '--outDir',
        target,
        // Source maps that carry their sources: the package holds no .ts files.
        '--inlineSources',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    copyFileSync(join(root, library, 'package.json'), join(target, 'package.json'));
    copyFileSync(join(root, library, 'README.md'), join(target, 'README.md'));
    copyFileSync(join(root, 'LICENSE'), join(target, 'LICENSE'));
    // `nest add nestjs-nc-connect`: the schematic, compiled on its own (CommonJS).
    if (manifest.schematics) buildSchematics(target);
    const missing = namedPaths(manifest).filter((path) => !existsSync(join(target, path)));
    if (missing.length > 0) {
      throw new Error(`${library}/package.json names files the build does not produce: ${missing.join(', ')}`);
    }
    const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: target,
      env: cleanNpmEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    tarballs.push(join(out, JSON.parse(packed)[0].filename));
  }
  rmSync(staging, { recursive: true, force: true });
  return tarballs;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts/pack-packages.mjs')) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'dist/packages') } } });
  for (const tarball of packPackages(values.out)) console.log(tarball);
}
