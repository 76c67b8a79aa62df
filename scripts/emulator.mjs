// `npm run emulator -- [options]`: builds the NC Connect emulator when its build is missing or older
// than its sources, then runs its command line (`--help` lists the options).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, root } from './build-if-needed.mjs';

const cli = 'dist/libs/nc-connect-emulator/cli.js';
buildIfNeeded({
  output: cli,
  sourceDirs: ['libs/nc-connect-emulator'],
  command: ['npx', 'nest', 'build', 'nc-connect-emulator'],
  message: 'Building the NC Connect emulator (nest build nc-connect-emulator)…',
});

// The command line reads process.argv.slice(2), which are this script's arguments too.
await import(pathToFileURL(join(root, cli)).href);
