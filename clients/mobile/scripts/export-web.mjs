// Exports the web build (`expo export --platform web` into dist/) once and reuses it while its
// sources are unchanged: turbo's `build` task and the launcher's smoke test in Chromium call this.
// A hash of every input (the app, the shared client code, the lockfile) is kept in dist/.vp-sources.
// The gateway's URL is not baked in for this build's users: a host sets window.__VP_CONFIG__
// (src/lib/env.ts); EXPO_PUBLIC_GATEWAY_URL, when set, is the default it falls back on.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_INPUTS, sourceHash as hashOf } from '../../shared/scripts/source-hash.mjs';

const mobile = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = [
  join(mobile, 'src'),
  join(mobile, 'app.json'),
  join(mobile, 'babel.config.js'),
  join(mobile, 'metro.config.js'),
  join(mobile, 'package.json'),
  ...SHARED_INPUTS,
];
export const DIST = join(mobile, 'dist');
const STAMP = join(DIST, '.vp-sources');

const sourceHash = () => hashOf(INPUTS) + (process.env.EXPO_PUBLIC_GATEWAY_URL ?? '');

export function isExportFresh() {
  return (
    existsSync(join(DIST, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === sourceHash()
  );
}

/** `expo export --platform web` unless the last export was made from the same sources. */
export async function ensureWebExport({ force = false, log = console.log } = {}) {
  if (!force && isExportFresh()) {
    log('mobile: the web export in clients/mobile/dist is up to date');
    return { built: false, seconds: 0 };
  }
  const hash = sourceHash();
  const started = Date.now();
  log('mobile: exporting for the web (expo export, once per change of its sources)…');
  const expo = createRequire(join(mobile, 'package.json')).resolve('expo/bin/cli');
  await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [expo, 'export', '--platform', 'web', '--output-dir', 'dist'],
      {
        cwd: mobile,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, EXPO_NO_TELEMETRY: '1', CI: '1', NODE_ENV: 'production' },
      },
    );
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(`expo export exited with ${code}`)),
    );
  });
  writeFileSync(STAMP, hash);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`mobile: exported in ${seconds} s`);
  return { built: true, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebExport({ force: process.argv.includes('--force') }).catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}
