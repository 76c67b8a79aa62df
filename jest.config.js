/** Jest 30 in native ESM mode (see package.json "test:jest"); swc strips types, `npm run typecheck` checks them. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^nestjs-nc-connect$': '<rootDir>/libs/nc-connect/src/index.ts',
    '^nestjs-nc-connect/testing$': '<rootDir>/libs/nc-connect/src/testing/index.ts',
    '^nestjs-nc-connect/health$': '<rootDir>/libs/nc-connect/src/health/index.ts',
    '^nestjs-nc-connect-emulator$': '<rootDir>/libs/nc-connect-emulator/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

export default {
  // A test whose setup fails half-way can leave a server listening; Jest would then wait for it
  // forever (a CI run was lost that way). Leaks of the library itself are caught by
  // test/clean-shutdown.e2e-spec.ts, which checks that a closed app leaves nothing running.
  forceExit: true,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper: {
        ...shared.moduleNameMapper,
        // Mercurius (GraphQL on Fastify) loads @fastify/static, which require()s content-disposition 3,
        // an ES module: Jest cannot require() ES modules before Node 24.9. Version 2 (Express's, CommonJS)
        // has the same `create()`; koa (oidc-provider) loads it too but never calls it.
        '^content-disposition$': '<rootDir>/node_modules/content-disposition/dist/index.js',
      },
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.mjs',
    },
    // Debian's Chromium through playwright-core; on failure, screenshots and HTML in test-results/browser/.
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.mjs',
    },
  ],
};
