// Builds the web app once and reuses the build while its sources are unchanged: `npm start`, the
// end-to-end test and the benchmark all call this (turbo's `build` task too). A hash of every input
// (the app, the shared operations, the lockfile) is kept beside the build in .next/vp-sources.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_INPUTS, sourceHash as hashOf } from '../../shared/scripts/source-hash.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = [
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'next.config.ts'),
  join(web, 'package.json'),
  join(web, 'tsconfig.json'),
  ...SHARED_INPUTS,
];
const STAMP = join(web, '.next', 'vp-sources');

const sourceHash = () => hashOf(INPUTS);

export function isBuildFresh() {
  return (
    existsSync(join(web, '.next', 'BUILD_ID')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === sourceHash()
  );
}

/** Runs `next build` unless the last build was made from the same sources. */
export async function ensureBuild({ force = false, log = console.log } = {}) {
  if (!force && isBuildFresh()) {
    log('web app: the build in clients/web/.next is up to date');
    return { built: false, seconds: 0 };
  }
  const hash = sourceHash();
  const started = Date.now();
  log('web app: building (next build; a few minutes on 2 cores, only when its sources change)…');
  const next = createRequire(join(web, 'package.json')).resolve('next/dist/bin/next');
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [next, 'build'], {
      cwd: web,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`)),
    );
  });
  writeFileSync(STAMP, hash);
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`web app: built in ${seconds} s`);
  return { built: true, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureBuild({ force: process.argv.includes('--force') }).catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}
