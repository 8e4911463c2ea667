// One jest preset for every workspace: swc transpiles TypeScript with decorator metadata
// (type-graphql and MikroORM read it); the typecheck is tsc's job, not jest's.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: require.resolve('./jest.global-setup.mjs'),
  globalTeardown: require.resolve('./jest.global-teardown.mjs'),
  testTimeout: 30000,
};
