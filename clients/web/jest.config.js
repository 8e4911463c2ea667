// Unit tests of the app's plain modules; the app end to end is driven in Chromium by the
// launcher's web e2e test (packages/launcher/src/e2e/web.e2e.test.ts).
module.exports = {
  ...require('../../jest.preset.js'),
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
