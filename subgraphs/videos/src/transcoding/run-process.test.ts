import { type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describeOrSkip, eventually } from '@vp/kit/testing';
import { reniceProcess, runProcess } from './run-process';

/** The nice value of a process's main thread, from /proc (field 19 of stat). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('runProcess', () => {
  it('kills a process that outlives its timeout', async () => {
    const result = await runProcess('sleep', ['5'], { timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
  });

  it('kills it on abort and reports the abort', async () => {
    const controller = new AbortController();
    const result = await runProcess('sleep', ['5'], {
      timeoutMs: 10_000,
      signal: controller.signal,
      // Once it runs (and runProcess listens for the abort), not after some fixed time.
      onSpawn: () => setImmediate(() => controller.abort()),
    });
    expect(result).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGKILL' });
  });

  it('collects stdout and the end of stderr', async () => {
    const result = await runProcess('sh', ['-c', 'printf out; printf err >&2; exit 3'], {
      timeoutMs: 5000,
      collectStdout: true,
    });
    expect(result).toMatchObject({ code: 3, stderr: 'err' });
    expect(result.stdout.toString()).toBe('out');
  });
});

describeOrSkip(
  process.platform === 'linux' ? undefined : 'nice values are read from /proc (Linux only)',
  'runProcess niceness',
  () => {
    it('starts a process at a lower priority and can restore it', async () => {
      let child: ChildProcess | undefined;
      const running = runProcess('sleep', ['5'], {
        timeoutMs: 10_000,
        niceness: 10,
        onSpawn: spawned => (child = spawned),
      });
      // `nice` lowers its own priority, then becomes sleep.
      await eventually(() => child?.pid !== undefined && niceOf(child.pid), {
        until: nice => nice === 10,
        what: 'the child to run at nice 10',
      });
      if (reniceProcess(child!.pid!, 0)) {
        expect(niceOf(child!.pid!)).toBe(0);
      } else {
        console.warn(
          '\n\n*** not allowed to lower a nice value here (no CAP_SYS_NICE); restore not checked ***\n\n',
        );
      }
      child!.kill('SIGKILL');
      await running;
    });
  },
);
