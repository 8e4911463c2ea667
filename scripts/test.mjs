// `npm test`: turbo runs typecheck, lint and every workspace's jest; this adds one closing line
// that sums the jest results of all workspaces ("N passed, N failed, N skipped").
import { spawn } from 'node:child_process';

const child = spawn(
  'npx',
  ['turbo', 'run', 'typecheck', 'lint', 'test', '--concurrency=2', '--continue', ...process.argv.slice(2)],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
);

const totals = { passed: 0, failed: 0, skipped: 0 };
let pending = '';
child.stdout.on('data', chunk => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    // jest's summary line, e.g. "Tests:       2 failed, 1 skipped, 30 passed, 33 total"
    const summary = /Tests:\s+(.*\d+ total)/.exec(line);
    if (!summary) {
      continue;
    }
    for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      totals[kind === 'todo' ? 'skipped' : kind] += Number(count);
    }
  }
});

child.on('exit', code => {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(code ?? 1);
});
