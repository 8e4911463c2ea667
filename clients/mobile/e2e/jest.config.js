// The web export's smoke test in Chromium (e2e/*.e2e.test.ts): Node's environment and the
// repository's jest preset (swc with decorator metadata), since it starts the embedded platform in
// its own process, unlike the screen tests (jest-expo, ../jest.config.js).
const path = require('node:path');
const preset = require('../../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: path.join(__dirname, '..'),
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  // a platform starts and stops here: a stop drains HTTP and lets pg-boss finish its jobs
  testTimeout: 60_000,
  // once the suite has passed and the platform's stop returned, nothing of ours is left; a
  // part given up on by a stop that took too long (stopWithin) once kept the process alive for
  // good under a full `npm test`, and CI waited for it
  forceExit: true,
};
