// `npm start`: build if needed, then run the sample app; with no NC_CONNECT_ISSUER it also starts
// the built-in NC Connect emulator and points the app at it (see apps/sample/src/dev.ts).
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
await import('../dist/apps/sample/apps/sample/src/dev.js');
