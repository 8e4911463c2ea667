import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { Client } from 'pg';

/**
 * What the platform process does for one operation's measured run, on request of run.ts:
 *
 * - SQL=1: every statement sent through `pg` (MikroORM, pg-boss, the kit's own queries) counted
 *   by its text, so an N+1 shows as a statement run many times per request;
 * - OPS_PROFILE_DIR=<dir>: a V8 CPU profile of the run alone (not the seeding), written as
 *   `<dir>/ops-<operation>.cpuprofile` for `src/profile/summarise.ts`.
 */
const statements = new Map<string, number>();
let counting = false;

export function countStatements() {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (counting) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === 'string' ? first : (first?.text ?? '?'))
        .replace(/\s+/g, ' ')
        // MikroORM inlines values (ids in JSON arrays too): one text per statement, whatever the
        // ids and numbers
        .replace(/'[0-9a-f-]{36}'/g, '?')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '?')
        .replace(/\b\d+\b/g, 'N')
        .replace(/\?(, ?\?)+/g, '?, …');
      statements.set(text, (statements.get(text) ?? 0) + 1);
    }
    return query.apply(this, args);
  } as typeof Client.prototype.query;
}

let session: Session | undefined;

export async function startProbe() {
  statements.clear();
  counting = true;
  if (process.env.OPS_PROFILE_DIR) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
  }
}

export async function stopProbe(name: string) {
  counting = false;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(process.env.OPS_PROFILE_DIR!, { recursive: true });
    writeFileSync(
      join(process.env.OPS_PROFILE_DIR!, `ops-${name.replace(/\W+/g, '_')}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
    session = undefined;
  }
  return [...statements].sort((a, b) => b[1] - a[1]);
}
