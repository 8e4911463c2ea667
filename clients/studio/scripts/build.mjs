// Builds the studio once and reuses the build while its sources are unchanged: `npm start`, the
// end-to-end test and the benchmark all call this. A hash of every input (the app, the shared
// client code, the lockfile) is kept beside the build in dist/.vp-sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_INPUTS, sourceHash as hashOf } from '../../shared/scripts/source-hash.mjs';

const studio = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = [
  join(studio, 'src'),
  join(studio, 'index.html'),
  join(studio, 'vite.config.mjs'),
  join(studio, 'package.json'),
  ...SHARED_INPUTS,
];
const STAMP = join(studio, 'dist', '.vp-sources');

const sourceHash = () => hashOf(INPUTS);

export function isBuildFresh() {
  return existsSync(join(studio, 'dist', 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceHash();
}

/** `vite build` unless the last build was made from the same sources. */
export async function ensureBuild({ force = false, log = console.log } = {}) {
  if (!force && isBuildFresh()) {
    log('studio: the build in clients/studio/dist is up to date');
    return { built: false, seconds: 0 };
  }
  const hash = sourceHash();
  const started = Date.now();
  log('studio: building (vite build, once per change of its sources)…');
  const { build } = await import('vite');
  await build({ root: studio, configFile: join(studio, 'vite.config.mjs'), logLevel: 'warn' });
  writeFileSync(STAMP, hash);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`studio: built in ${seconds} s`);
  return { built: true, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureBuild({ force: process.argv.includes('--force') }).catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}
