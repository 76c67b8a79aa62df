import { jest } from '@jest/globals';

// A login drives real HTTP servers; give slow CI machines room (no timing is asserted). Jest reads
// `testTimeout` from the root config only, never from a project's, hence this setup file.
jest.setTimeout(30_000);
