// Unit tests of the studio's plain modules; the app end to end is driven in Chromium by the
// launcher's studio e2e test (packages/launcher/src/e2e/studio.e2e.test.ts).
module.exports = require('../../jest.preset.js');
