import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { findOnPath } from '@vp/kit';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Raise the nice value (lower priority) of the process; 0 leaves it as is. */
  niceness?: number;
  /** Collect stdout (ffprobe's JSON, a raw frame); otherwise it is read line by line into onLine. */
  collectStdout?: boolean;
  onLine?: (line: string) => void;
  /** Called with the child right after spawn (to kill it from outside). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The end of stderr: enough to explain a failure without holding a chatty log in memory. */
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
}

const STDERR_TAIL = 8 * 1024;
const NICE = findOnPath('nice');

/**
 * Sets the nice value of every thread of a process (Linux: a nice value belongs to a thread, and
 * ffmpeg's encoder threads keep the one they were created with). Lowering it needs CAP_SYS_NICE:
 * false when the system refused.
 */
export function reniceProcess(pid: number, niceness: number): boolean {
  let threads: number[];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    threads = [pid];
  }
  let allChanged = true;
  for (const thread of threads) {
    try {
      setPriority(thread, niceness);
    } catch {
      allChanged = false;
    }
  }
  return allChanged;
}

/** Runs a binary without a shell, with a hard timeout and abort, and resolves when it has exited. */
export function runProcess(
  binary: string,
  args: string[],
  options: RunOptions,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({
        code: null,
        signal: null,
        stdout: Buffer.alloc(0),
        stderr: '',
        timedOut: false,
        aborted: true,
      });
      return;
    }
    // Through `nice` when there is one, so every thread ffmpeg starts inherits the priority.
    const niced = Boolean(options.niceness && NICE);
    const child = niced
      ? spawn(NICE!, ['-n', String(options.niceness), binary, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let pending = '';
    let timedOut = false;
    let aborted = false;

    if (options.niceness && !niced && child.pid) {
      try {
        setPriority(child.pid, options.niceness);
      } catch {
        // Priority is an optimisation; a platform that refuses it still transcodes.
      }
    }
    options.onSpawn?.(child);

    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (options.collectStdout) {
        stdoutChunks.push(chunk);
        return;
      }
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        options.onLine?.(line.trim());
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.once('error', error => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pending) {
        options.onLine?.(pending.trim());
      }
      resolve({ code, signal, stdout: Buffer.concat(stdoutChunks), stderr, timedOut, aborted });
    });
  });
}
