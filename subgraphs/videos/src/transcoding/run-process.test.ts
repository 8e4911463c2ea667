import { type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { reniceProcess, runProcess } from './run-process';

/** The nice value of a process's main thread, from /proc (field 19 of stat). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('runProcess', () => {
  it('kills a process that outlives its timeout', async () => {
    const started = Date.now();
    const result = await runProcess('sleep', ['5'], { timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('kills it on abort and reports the abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runProcess('sleep', ['5'], {
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    expect(result).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGKILL' });
  });

  it('starts a process at a lower priority and can restore it', async () => {
    if (process.platform !== 'linux') {
      console.warn('\n\n*** SKIPPED: nice values are read from /proc (Linux only). ***\n\n');
      return;
    }
    let child: ChildProcess | undefined;
    const running = runProcess('sleep', ['5'], {
      timeoutMs: 10_000,
      niceness: 10,
      onSpawn: spawned => (child = spawned),
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(niceOf(child!.pid!)).toBe(10);
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

  it('collects stdout and the end of stderr', async () => {
    const result = await runProcess('sh', ['-c', 'printf out; printf err >&2; exit 3'], {
      timeoutMs: 5000,
      collectStdout: true,
    });
    expect(result).toMatchObject({ code: 3, stderr: 'err' });
    expect(result.stdout.toString()).toBe('out');
  });
});
