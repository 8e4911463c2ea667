// Starts the embedded platform once for all screen tests (PostgreSQL found as every workspace's
// tests find it), in a child process run like `npm start` runs the platform; its JSON line goes
// to the test workers as VP_TEST_PLATFORM.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import findServers from '../../../jest.global-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const START_MS = 240_000;

export default async function globalSetup() {
  await findServers();
  if (process.env.VP_TEST_PLATFORM) {
    // one already running (started by hand while working on the screens): use it
    return;
  }
  const script = join(root, 'packages/launcher/src/testing/serve-test-platform.ts');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  globalThis.__MOBILE_TEST_PLATFORM__ = child;
  const seeded = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the test platform did not start within ${START_MS / 1000} s`)),
      START_MS,
    );
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the test platform exited (${code}) before it served`));
    });
    createInterface({ input: child.stdout }).on('line', line => {
      if (line.startsWith('{')) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  }).catch(error => {
    child.kill('SIGTERM');
    throw error;
  });
  process.env.VP_TEST_PLATFORM = seeded;
}
