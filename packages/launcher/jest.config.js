const preset = require('../../jest.preset.js');

// Whole platforms start and stop here: a stop drains HTTP and lets pg-boss finish its jobs (up to
// 10 s each), which under a full `npm test` on two cores can pass the preset's 30 s for a hook.
module.exports = { ...preset, testTimeout: 60_000 };
