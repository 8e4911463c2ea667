import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestPlatform } from '@vp/launcher/testing';
import { table } from '../report';
import { countStatements, startProbe, stopProbe } from './probe';

/**
 * bench:idle — what the whole platform (every subgraph and our gateway in this one process, as
 * `npm start` runs them, on a scratch database) does with no request at all: the SQL statements
 * it sends per second (pg-boss workers polling, outbox relays, maintenance), the top texts, and
 * the CPU it uses as a share of one core. That background work is also what makes a trivial
 * request's p99 jump above its p50.
 *
 *   npm run bench:idle -w @vp/bench   (SETTLE=15 s after start, SECONDS=20 measured;
 *                                      OPS_PROFILE_DIR=<dir> for a CPU profile of the window,
 *                                      `ops-idle.cpuprofile`, for src/profile/summarise.ts)
 */
const SETTLE = Number(process.env.SETTLE ?? 15);
const SECONDS = Number(process.env.SECONDS ?? 20);

countStatements();

async function main() {
  const started = Date.now();
  const platform = await startTestPlatform();
  console.log(`platform started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    await sleep(SETTLE * 1000);
    const load = loadavg()[0];
    await startProbe();
    const before = process.cpuUsage();
    const from = process.hrtime.bigint();
    await sleep(SECONDS * 1000);
    const cpu = process.cpuUsage(before);
    const seconds = Number(process.hrtime.bigint() - from) / 1e9;
    const statements = await stopProbe('idle');

    const total = statements.reduce((sum, [, count]) => sum + count, 0);
    // grouped by what sends them: the first words of each text name the table or the command
    const groups = new Map<string, number>();
    for (const [text, count] of statements) {
      const group = groupOf(text);
      groups.set(group, (groups.get(group) ?? 0) + count);
    }
    const perSecond = (count: number) => (count / seconds).toFixed(1);
    console.log(
      `\nidle ${seconds.toFixed(1)} s (load average ${load.toFixed(2)} at start): ` +
        `${perSecond(total)} SQL statements/s, ` +
        `${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(1)} % of a core ` +
        `(user ${((cpu.user / 1e6 / seconds) * 100).toFixed(1)} %)\n`,
    );
    table('statements by kind', [
      ['kind', '/s'],
      ...[...groups].sort((a, b) => b[1] - a[1]).map(([group, count]) => [group, perSecond(count)]),
    ]);
    table('top 15 statements', [
      ['text', '/s'],
      ...statements.slice(0, 15).map(([text, count]) => [text.slice(0, 120), perSecond(count)]),
    ]);
  } finally {
    await platform.stop();
  }
}

/** A statement's kind: pg-boss's fetch, its maintenance, the outbox relay, transactions, … */
function groupOf(text: string): string {
  const lower = text.toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release)/.test(lower)) {
    return 'transaction control';
  }
  if (lower.includes('pgboss')) {
    if (lower.includes("state = 'active'") && lower.includes('returning')) {
      return 'pg-boss fetch';
    }
    return `pg-boss ${/^\s*(\w+)/.exec(lower)?.[1] ?? '?'}`;
  }
  if (lower.includes('"outbox"')) {
    return 'outbox relay';
  }
  return `other ${/^\s*(\w+)/.exec(lower)?.[1] ?? '?'}`;
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
