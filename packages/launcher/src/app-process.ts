import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Each line a child prints, to `write`. */
export function prefixLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void) {
  if (stream) {
    createInterface({ input: stream }).on('line', write);
  }
}

/** Runs an app's build script (node <script> [--force]) to its end; every line goes to `log`. */
export function runBuild(
  what: string,
  script: string,
  options: SpawnOptions & { force?: boolean; log: (line: string) => void },
): Promise<void> {
  const { force, log, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...(force ? ['--force'] : [])], {
      ...spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(child.stdout, log);
    prefixLines(child.stderr, log);
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(`building ${what} failed (exit ${code})`)),
    );
  });
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Serves an app from a child process (the web app's `next start`, the studio's server): its lines
 * go to `log` (errors always to stderr, prefixed with `name`), it never outlives this process, and
 * it is ready once `<url>/api/health` answers, within `startupMs` or it is stopped.
 */
export async function serveApp(options: {
  name: string;
  url: string;
  args: string[];
  spawnOptions: SpawnOptions;
  log?: (line: string) => void;
  startupMs: number;
}): Promise<RunningApp> {
  const { name, url } = options;
  const child = spawn(process.execPath, options.args, {
    ...options.spawnOptions,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, options.log ?? (line => console.log(`[${name}] ${line}`)));
  prefixLines(child.stderr, line => console.error(`[${name}] ${line}`));
  let exited: number | null = null;
  // never outlive the process that started it (a crash or a kill during start-up)
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  child.on('exit', code => {
    exited = code ?? -1;
    process.off('exit', orphanGuard);
  });
  const stop = () =>
    new Promise<void>(resolve => {
      if (exited !== null) {
        return resolve();
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + options.startupMs;
  for (;;) {
    if (exited !== null) {
      throw new Error(`${name} exited (${exited}) before it answered`);
    }
    const ok = await fetch(`${url}/api/health`)
      .then(response => response.ok)
      .catch(() => false);
    if (ok) {
      return { url, process: child, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer within ${options.startupMs / 1000} s`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
