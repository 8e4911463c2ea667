import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const children: ChildProcess[] = [];

/**
 * Forks a child running one server (child.ts: a subgraph or a gateway) and waits for the URL it
 * reports, so that the load generator, each subgraph and the gateway do not share an event loop.
 */
export function spawn<T>(message: Record<string, unknown>): Promise<T> {
  const child = fork(join(__dirname, 'child.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
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

export function stop(child: ChildProcess | undefined) {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
}

/** Every child spawned so far, oldest first. */
export const spawned = (): readonly ChildProcess[] => children;

export function stopAll() {
  children.forEach(stop);
}
