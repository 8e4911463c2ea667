import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PLATFORM_NODE_FLAGS } from '@vp/launcher/node-flags';

const children: ChildProcess[] = [];

/**
 * Forks a child running one server (child.ts: a subgraph or a gateway; another bench's `entry`)
 * and waits for what it reports (its URL), so that the load generator, each subgraph and the
 * gateway do not share an event loop.
 */
export function spawn<T>(
  message: Record<string, unknown>,
  entry = join(__dirname, 'child.ts'),
): Promise<T> {
  // PROFILE_DIR=<dir>: each child writes a V8 CPU profile there when stopped (profile.ts reads them)
  const profile = process.env.PROFILE_DIR
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.PROFILE_DIR}`,
        `--cpu-prof-name=${message.role}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const child = fork(entry, [], {
    // the platform's Node flags, for every child alike; BENCH_NODE_FLAGS: V8/Node flags for the
    // children (e.g. a GC setting tried under load; a later flag wins)
    execArgv: [
      ...PLATFORM_NODE_FLAGS,
      '-r',
      '@swc-node/register',
      ...profile,
      ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', value => resolve(value as T));
    child.once('exit', code => reject(new Error(`${message.role} exited with ${code}`)));
    child.send(message);
  });
}

/** The child's CPU time so far (user + system, µs). */
export function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = () => reject(new Error('exited'));
    const onMessage = (message: { cpuMicros?: number }) => {
      if (typeof message.cpuMicros === 'number') {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message.cpuMicros);
      }
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ cpu: true });
  });
}

export function stop(child: ChildProcess | undefined) {
  // once: a profiled child is still writing its profile when stopAll comes, and a second SIGTERM
  // (child.ts exits on the first) would kill it before the profile is written
  if (child && child.exitCode === null && !child.killed) {
    // a profiled child must exit by itself to write its profile (child.ts exits on SIGTERM)
    child.kill(process.env.PROFILE_DIR ? 'SIGTERM' : 'SIGKILL');
  }
}

/** Every child spawned so far, oldest first. */
export const spawned = (): readonly ChildProcess[] => children;

export function stopAll() {
  children.forEach(stop);
}

/** Waits until every child has exited (profiles written), at most `ms`. */
export async function waitAll(ms = 10_000) {
  const deadline = Date.now() + ms;
  while (
    children.some(child => child.exitCode === null && child.signalCode === null) &&
    Date.now() < deadline
  ) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
