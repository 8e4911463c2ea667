import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_CODES } from '@vp/kit';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { type Person, type TestPlatform, uploadAndPublish } from '../test-platform';
import { changedTables, DatabaseDigest } from './digest';
import { type FuzzOperation, type FuzzPools, OperationGenerator } from './generate';

export const API_SCHEMA_FILE = join(__dirname, '../../../../../schema/api.graphql');

/** Who sends an operation: nobody, one of the seeded accounts, or a token that is not one. */
export interface FuzzIdentity {
  name: string;
  token?: string;
  /** To renew `token` before it expires (access tokens live 10 minutes), in long runs. */
  refreshToken?: string;
}

/** Real accounts and real ids for the fuzzer to aim at, so resolvers get past "not found". */
export interface FuzzWorld {
  identities: FuzzIdentity[];
  pools: FuzzPools;
  /** The seeded ids, for the report. */
  seeded: Record<string, string>;
}

/**
 * Signs up a viewer, a creator and an admin (also MODERATOR and CATALOG_MANAGER), and gives the
 * creator a live stream, a commented video in a playlist (when `clip` is given: ffmpeg transcodes it)
 * and the viewer a follow: what the deeper resolvers need to find.
 */
export async function seedFuzzWorld(platform: TestPlatform, clip?: Buffer): Promise<FuzzWorld> {
  const [viewer, creator, admin] = await Promise.all(
    ['viewer', 'creator', 'admin'].map(name => platform.signUp({ name })),
  );
  const adminToken = await grantRoles(platform, admin, ['ADMIN', 'MODERATOR', 'CATALOG_MANAGER']);
  admin.token = adminToken;
  const seeded: Record<string, string> = {
    viewer: viewer.id,
    creator: creator.id,
    admin: admin.id,
  };
  const ask = async (query: string, variables: Record<string, unknown>, who?: Person | string) => {
    const token = typeof who === 'string' ? who : who?.token;
    const response = await platform.query(query, variables, token);
    if (!response.data) {
      throw new Error(`seeding: ${query.slice(0, 60)}: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  };
  const has = (field: string) => new RegExp(`^\\s+${field}\\b`, 'm').test(readApiSchema());
  if (has('createLiveStream')) {
    seeded.stream = (
      await ask(
        'mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id } }',
        { input: { title: 'Fuzz stream' } },
        creator,
      )
    ).createLiveStream.id;
  }
  if (clip) {
    seeded.video = await uploadAndPublish(platform, creator, clip, { title: 'Fuzz video' });
    seeded.comment = (
      await ask(
        'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { videoId: seeded.video, body: 'first!' } },
        viewer,
      )
    ).addComment.id;
    seeded.playlist = (
      await ask(
        'mutation ($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id } }',
        { input: { title: 'Fuzz list', visibility: 'PUBLIC' } },
        creator,
      )
    ).createPlaylist.id;
  }
  if (has('followUser')) {
    await ask('mutation ($id: ID!) { followUser(userId: $id) { id } }', { id: creator.id }, viewer);
  }
  if (has('plans')) {
    for (const [i, plan] of (await ask('{ plans { id } }', {})).plans.entries()) {
      seeded[`plan${i}`] = plan.id;
    }
  }
  return {
    identities: [
      { name: 'anonymous' },
      ...[viewer, creator, admin].map((person, i) => ({
        name: ['viewer', 'creator', 'admin'][i],
        token: person.token,
        refreshToken: person.refreshToken,
      })),
      { name: 'forged token', token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.' },
    ],
    pools: {
      ids: Object.values(seeded),
      emails: [viewer.email, creator.email, admin.email],
    },
    seeded,
  };
}

async function grantRoles(platform: TestPlatform, person: Person, roles: string[]) {
  let token = person.token;
  for (const role of roles) {
    token = await platform.grantRole(person, role as never);
  }
  return token;
}

let apiSchemaText: string | undefined;
const readApiSchema = () => (apiSchemaText ??= readFileSync(API_SCHEMA_FILE, 'utf8'));

export type FindingKind =
  | 'server-error'
  | 'not-json'
  | 'uncoded-error'
  | 'unknown-code'
  | 'internal-error'
  | 'leak'
  | 'stored-invalid-input'
  | 'process-down';

export interface Finding {
  kind: FindingKind;
  detail: string;
  operation?: FuzzOperation & { identity: string; index: number };
}

export interface FuzzReport {
  seed: number;
  operations: number;
  /** Operations sent per root kind and per deliberate fault. */
  byRoot: Record<string, number>;
  byFault: Record<string, number>;
  /** Every `extensions.code` seen, with how often. */
  codes: Record<string, number>;
  /** Operations answered with data and no error at all. */
  clean: number;
  /** Rejected mutations whose tables were compared before and after. */
  storeChecks: number;
  findings: Finding[];
}

/** Error codes that say "your input was refused": such a mutation must not store anything. */
const REFUSED_INPUT = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
]);

/**
 * What must never reach a client: stack frames, SQL or driver words, file paths of the servers.
 * Checked against every error message (and the whole body of a non-JSON answer).
 */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\bat [\w.<>]+ \(|\bat (?:async )?\/|\.ts:\d+:\d+|\.js:\d+:\d+/],
  ['file path', /\/work\/|\/src\/|node_modules|\/home\/|\/usr\/lib/],
  [
    'SQL',
    /\b(select|insert into|update|delete from)\b.*\b(from|set|values|where)\b|\bviolates\b.*\bconstraint\b|\bduplicate key\b|\brelation "|\bsyntax error at or near\b|invalid input syntax for type/i,
  ],
  ['driver', /\bECONNREFUSED\b|\bMikroORM\b|\bknex\b|\bpg-boss\b|\bDriverException\b/],
];

export interface FuzzRunOptions {
  seed: number;
  durationMs: number;
  /** Compare the database before and after each mutation refused for its input (slower, sound). */
  checkStores?: boolean;
  /** Called every `progressEvery` operations (the bench prints a line). */
  onProgress?: (report: FuzzReport) => void;
  progressEvery?: number;
}

/**
 * Sends generated operations one at a time through the platform's gateway for `durationMs` and
 * checks every answer; returns what it saw and what it found. One at a time so that a refused
 * mutation's effect on the database can be told apart from the next one's.
 */
export async function runFuzz(
  platform: TestPlatform,
  world: FuzzWorld,
  options: FuzzRunOptions,
): Promise<FuzzReport> {
  const schema = buildSchema(readApiSchema());
  const generator = new OperationGenerator(schema, world.pools);
  const digest = options.checkStores ? await DatabaseDigest.open(platform.database.url) : undefined;
  const report: FuzzReport = {
    seed: options.seed,
    operations: 0,
    byRoot: {},
    byFault: {},
    codes: {},
    clean: 0,
    storeChecks: 0,
    findings: [],
  };
  const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  let refreshedAt = performance.now();
  try {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async g => {
        if (performance.now() - refreshedAt > REFRESH_EVERY_MS) {
          refreshedAt = performance.now();
          await refreshIdentities(platform, world.identities);
        }
        const operation = generator.next(g);
        const identity = world.identities[g(() => fc.noBias(fc.nat(world.identities.length - 1)))];
        const index = report.operations;
        report.operations += 1;
        count(report.byRoot, operation.root);
        count(report.byFault, operation.fault);
        const before = digest && operation.root === 'mutation' ? await digest.take() : undefined;
        const answer = await send(platform.url, operation, identity.token);
        const context = { ...operation, identity: identity.name, index };
        const found = (kind: FindingKind, detail: string) =>
          report.findings.push({ kind, detail, operation: context });
        checkAnswer(answer, found, code => count(report.codes, code));
        if (!answer.body?.errors?.length && answer.body?.data) {
          report.clean += 1;
        }
        if (answer.body?.data) {
          harvestIds(answer.body.data, world.pools);
        }
        if (digest && before && refusedInput(answer, operation)) {
          report.storeChecks += 1;
          const changed = changedTables(before, await digest.take());
          if (changed.length) {
            const stored = await storedByReplay(digest, () =>
              send(platform.url, operation, identity.token),
            );
            if (stored && refusedInput(stored.answer, operation)) {
              found(
                'stored-invalid-input',
                `refused with ${codesOf(stored.answer).join(', ')} yet changed ${stored.tables.join(', ')}`,
              );
            }
          }
        }
        if (options.onProgress && report.operations % (options.progressEvery ?? 500) === 0) {
          options.onProgress(report);
        }
      }),
      {
        seed: options.seed,
        numRuns: Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: options.durationMs,
        markInterruptAsFailure: false,
        endOnFailure: true,
      },
    );
  } finally {
    await digest?.close();
  }
  for (const [name, instances] of Object.entries(platform.subgraphs)) {
    for (const instance of instances) {
      const alive = await fetch(instance.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }).catch((error: Error) => error);
      if (alive instanceof Error || alive.status !== 200) {
        report.findings.push({
          kind: 'process-down',
          detail: `${name} at ${instance.url} no longer answers: ${alive instanceof Error ? alive.message : alive.status}`,
        });
      }
    }
  }
  return report;
}

/**
 * Something else may have written while a refused mutation ran (a consumer, a relay): send it
 * again in a quiet moment and compare. Tables that also change in a control window of the same
 * length without it are background, not its doing; when no quiet moment comes in three tries,
 * nothing is claimed. Returns the tables the replay alone changed, with its answer.
 */
async function storedByReplay(digest: DatabaseDigest, replay: () => Promise<Answer>) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const quiet = await digest.settle(10_000);
    const started = performance.now();
    const answer = await replay();
    const changed = changedTables(quiet, await digest.take());
    if (!changed.length) {
      return undefined;
    }
    const controlStart = await digest.take();
    await new Promise(resolve => setTimeout(resolve, Math.max(300, performance.now() - started)));
    const background = new Set(changedTables(controlStart, await digest.take()));
    const tables = changed.filter(table => !background.has(table));
    if (!background.size) {
      return tables.length ? { answer, tables } : undefined;
    }
  }
  return undefined;
}

/** Access tokens live 10 minutes: renewed well before, so a long run keeps its accounts. */
const REFRESH_EVERY_MS = 4 * 60_000;

async function refreshIdentities(platform: TestPlatform, identities: FuzzIdentity[]) {
  for (const identity of identities) {
    if (!identity.refreshToken) {
      continue;
    }
    const refreshed = await platform.query(
      'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }',
      { token: identity.refreshToken },
    );
    // a session the fuzzer itself ended stays ended: that identity goes on as it is
    if (refreshed.data?.refreshSession) {
      identity.token = refreshed.data.refreshSession.accessToken;
      identity.refreshToken = refreshed.data.refreshSession.refreshToken;
    }
  }
}

interface Answer {
  status: number;
  text: string;
  body?: {
    data?: Record<string, unknown> | null;
    errors?: { message?: unknown; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
}

async function send(url: string, operation: FuzzOperation, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

function checkAnswer(
  answer: Answer,
  found: (kind: FindingKind, detail: string) => void,
  seen: (code: string) => void,
) {
  if (answer.status >= 500) {
    found('server-error', `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  if (!answer.body || (answer.body.data === undefined && !answer.body.errors)) {
    found('not-json', `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
    for (const [what, pattern] of LEAKS) {
      if (pattern.test(answer.text)) {
        found('leak', `${what} in a non-GraphQL answer: ${answer.text.slice(0, 300)}`);
      }
    }
    return;
  }
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    const message =
      typeof error.message === 'string' ? error.message : JSON.stringify(error.message);
    if (typeof code !== 'string') {
      found('uncoded-error', message.slice(0, 300));
      continue;
    }
    seen(code);
    if (!PUBLIC_CODES.has(code)) {
      found('unknown-code', `${code}: ${message.slice(0, 300)}`);
    } else if (code === 'INTERNAL_SERVER_ERROR') {
      found('internal-error', `${message} ${JSON.stringify(error.extensions)}`.slice(0, 300));
    }
    const extensions = JSON.stringify(error.extensions);
    if (/stacktrace|exception/i.test(extensions)) {
      found('leak', `internal extensions: ${extensions.slice(0, 300)}`);
    }
    for (const [what, pattern] of LEAKS) {
      if (pattern.test(message)) {
        found('leak', `${what} in "${message.slice(0, 300)}"`);
      }
    }
  }
}

const codesOf = (answer: Answer) =>
  (answer.body?.errors ?? []).map(error => String(error.extensions?.code));

/**
 * A mutation refused for its input: no data for its field, and only input-refusal codes raised by
 * the mutation itself (no path, or its own) — not by a field of its answer, which may fail after
 * the mutation did its work (a nested page with a bad cursor).
 */
function refusedInput(answer: Answer, operation: FuzzOperation) {
  const errors = answer.body?.errors ?? [];
  return (
    operation.root === 'mutation' &&
    errors.length > 0 &&
    errors.every(
      error => REFUSED_INPUT.has(String(error.extensions?.code)) && (error.path?.length ?? 0) <= 1,
    ) &&
    (answer.body?.data?.[operation.field] ?? null) === null
  );
}

/** Ids in an answer join the pool, so later operations aim at what earlier ones made. */
function harvestIds(data: unknown, pools: FuzzPools, depth = 0) {
  if (!data || typeof data !== 'object' || depth > 12) {
    return;
  }
  if (Array.isArray(data)) {
    data.forEach(item => harvestIds(item, pools, depth + 1));
    return;
  }
  const { id } = data as { id?: unknown };
  if (typeof id === 'string' && id.length <= 64 && !pools.ids.includes(id)) {
    if (pools.ids.length >= 300) {
      // keep the seeded ids (the first ones) and forget an older harvested one
      pools.ids.splice(20 + Math.floor(pools.ids.length / 2), 1);
    }
    pools.ids.push(id);
  }
  for (const value of Object.values(data)) {
    harvestIds(value, pools, depth + 1);
  }
}

/** One line per kind of finding, with the first example of each. */
export function describeFindings(findings: Finding[]): string {
  const firsts = new Map<string, Finding & { count: number }>();
  for (const finding of findings) {
    const key = `${finding.kind} ${finding.operation?.field ?? ''} ${finding.detail.slice(0, 80)}`;
    const known = firsts.get(key);
    if (known) {
      known.count += 1;
    } else {
      firsts.set(key, { ...finding, count: 1 });
    }
  }
  return [...firsts.values()]
    .map(
      ({ kind, detail, operation, count }) =>
        `- ${kind} ×${count}: ${detail}` +
        (operation
          ? `\n    #${operation.index} as ${operation.identity} (fault ${operation.fault}, shape ${operation.shape}):\n    ${operation.query.replace(/\s+/g, ' ').slice(0, 400)}\n    variables ${JSON.stringify(operation.variables).slice(0, 300)}`
          : ''),
    )
    .join('\n');
}

/** The seed of a run: FUZZ_SEED when given (to reproduce one), else a new one. */
export const fuzzSeed = () =>
  process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
