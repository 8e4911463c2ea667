// Screen tests: jest-expo (React Native's environment, Babel with Expo's preset) and React Native
// Testing Library, against the real embedded platform that test/global-setup.mjs starts in a
// process of its own (packages/launcher/src/testing/serve-test-platform.ts).
const path = require('node:path');

/** React must be this app's copy (19.2.3, SDK 57's) for every importer, Apollo's hooks included. */
const own = name => path.dirname(require.resolve(`${name}/package.json`, { paths: [__dirname] }));

module.exports = {
  preset: 'jest-expo',
  testMatch: ['<rootDir>/test/**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  moduleNameMapper: {
    '^react$': own('react'),
    '^react/(.*)$': `${own('react')}/$1`,
    '^expo-video$': '<rootDir>/test/expo-video-stand-in.tsx',
    '^expo-router$': '<rootDir>/test/expo-router-stand-in.tsx',
    '^expo-web-browser$': '<rootDir>/test/expo-web-browser-stand-in.ts',
  },
  testTimeout: 60_000,
  // a signed-in session keeps its refresh timer and Apollo its socket past the last test
  forceExit: true,
};
