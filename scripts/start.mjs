// `npm start`: build if needed, then run the sample app; with no NC_CONNECT_ISSUER it also starts
// the built-in NC Connect emulator and points the app at it (see apps/sample/src/dev.ts).
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded({
  output: 'dist/apps/sample/apps/sample/src/dev.js',
  sourceDirs: ['apps', 'libs'],
  command: ['npm', 'run', '-s', 'build'],
  message: 'Building the library, the emulator and the sample app (npm run build)…',
});
await import('../dist/apps/sample/apps/sample/src/dev.js');
