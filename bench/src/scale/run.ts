import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, graphql } from '@vp/kit/testing';
import { loadOrCreateDevKeys } from '@vp/launcher/keys';
import { sleep, sql, startPrivateRedis } from '@vp/launcher/testing/faults';
import { makeClip } from '@vp/videos/src/test-pipeline';
import { table } from '../report';
import { type Cluster, inBatches, type Instance, startCluster, SUBGRAPH_NAMES } from './cluster';
import {
  ask,
  ChatSenders,
  ChatViewer,
  Meter,
  Payments,
  type Person,
  startReads,
  stopLoads,
  Uploads,
} from './load';

/**
 * bench/scale: the platform scaled out on one machine and one instance of every kind SIGKILLed
 * under load. 2 gateways (behind a front round-robin proxy, the public origin), 2 instances of
 * each subgraph (each kind behind its own round-robin proxy, where the gateways send it) and 2
 * transcode workers, on one PostgreSQL and one Redis (a redis-server of the bench's own). Load,
 * all through the front proxy: chat viewers (graphql-ws, re-subscribing with `after` when cut off)
 * and senders, closed-loop reads, tips paid through the sandbox checkout (its webhooks), and
 * uploads of a short clip to READY. After BEFORE_SECONDS, the first gateway, the first instance
 * of every subgraph and a transcode worker (a busy one if any) are SIGKILLed together, started
 * again after DOWN_SECONDS, and the load runs AFTER_SECONDS more. Then every acknowledged chat
 * message must be stored once and have reached every viewer once, every paid tip be credited
 * once, every completed upload be READY with one completed job, and both gateways and both live
 * instances must count the same viewers.
 *
 *   npm run bench:scale -w @vp/bench   (BEFORE_SECONDS=30 DOWN_SECONDS=5 AFTER_SECONDS=30
 *                                       VIEWERS=20 SENDERS=6 READERS=8 READ_RATE=40 TIPPERS=3
 *                                       UPLOADERS=1 SETTLE_SECONDS=150;
 *                                       PostgreSQL at DATABASE_URL or 127.0.0.1:5432, ffmpeg)
 */
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const BEFORE_S = num('BEFORE_SECONDS', 30);
const DOWN_S = num('DOWN_SECONDS', 5);
const AFTER_S = num('AFTER_SECONDS', 30);
const VIEWERS = num('VIEWERS', 20);
const SENDERS = num('SENDERS', 6);
const READERS = num('READERS', 8);
/** Reads offered per second, in all. */
const READ_RATE = num('READ_RATE', 40);
const TIPPERS = num('TIPPERS', 3);
const UPLOADERS = num('UPLOADERS', 1);
const INSTANCES = 2;
/** The transcode job's lease (VIDEOS_TRANSCODE_LEASE_SECONDS): a killed worker's job is handed out again after it. */
const TRANSCODE_LEASE_S = num('TRANSCODE_LEASE_SECONDS', 20);
/** How long the end waits for the jobs still running (and the killed instance's viewers to expire). */
const SETTLE_S = num('SETTLE_SECONDS', 150);

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { id handle } } }`;

async function signUp(url: string, name: string, n: number): Promise<Person> {
  for (let attempt = 0; ; attempt++) {
    // a fresh handle each try: a try whose answer was lost may have created its account
    const handle = `${name}_${n}_${Math.random().toString(36).slice(2, 8)}`.slice(0, 30);
    const response = await graphql(url, SIGN_UP, {
      input: {
        email: `${handle}@example.com`,
        password: 'correct horse battery staple',
        handle,
        displayName: name,
        birthDate: '1990-04-21',
      },
    });
    if (response.data?.signUp) {
      const { accessToken, user } = response.data.signUp;
      return { id: user.id, handle: user.handle, token: accessToken };
    }
    if (attempt === 5) {
      throw new Error(JSON.stringify(response.errors));
    }
    await sleep(1000);
  }
}

const s = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  const t = performance.now();
  const database = await createTestDatabase('bench_scale');
  const redis = await startPrivateRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  let cluster: Cluster | undefined;
  const viewers: ChatViewer[] = [];
  try {
    const keys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const clipPath = join(dataDir, 'clip.mp4');
    await makeClip(clipPath, { width: 320, height: 180, seconds: 2 });
    cluster = await startCluster({
      databaseUrl: database.url,
      redisUrl: redis.url,
      dataDir,
      keys,
      instances: INSTANCES,
      env: {
        // the bench's clients all come from 127.0.0.1: limits that never refuse them
        RATE_LIMIT_PER_MINUTE: '0',
        FORWARD_RATE_LIMIT_PER_MINUTE: '0',
        USER_BUDGET: '1000000/100000',
        ANONYMOUS_BUDGET: '1000000/100000',
        WS_CONNECTIONS_PER_IP: '10000',
        VIDEOS_TRANSCODE_LEASE_SECONDS: String(TRANSCODE_LEASE_S),
      },
    });
    const startedS = s(performance.now() - t);
    console.log(
      `scale-out up in ${startedS} s: ${cluster.instances.length} processes ` +
        `(${cluster.instances.map(i => `${i.name} ${s(i.startedMs)} s`).join(', ')})`,
    );
    const url = cluster.graphqlUrl;
    let n = 0;
    const people = async (name: string, count: number) => {
      const made: Person[] = [];
      const numbers = Array.from({ length: count }, () => n++);
      // four at a time: each sign-up hashes a password
      for (let i = 0; i < numbers.length; i += 4) {
        made.push(...(await Promise.all(numbers.slice(i, i + 4).map(k => signUp(url, name, k)))));
      }
      return made;
    };
    const [streamer] = await people('streamer', 1);
    const watchers = await people('viewer', VIEWERS);
    const senders = await people('sender', SENDERS);
    const readers = await people('reader', READERS);
    const tippers = await people('tipper', TIPPERS);
    const uploaders = await people('uploader', UPLOADERS);
    const created = await ask(
      url,
      'mutation { createLiveStream(input: { title: "Scale" }) { id } }',
      {},
      streamer.token,
    );
    const streamId = created.data.createLiveStream.id as string;
    // payments learns tip targets from live's events: wait until it knows this stream
    for (let attempt = 0; ; attempt++) {
      const probe = await ask(
        url,
        'mutation ($input: SendTipInput!) { sendTip(input: $input) { id } }',
        { input: { targetId: streamId, amountJpy: 100 } },
        tippers[0].token,
      );
      if (probe.data?.sendTip) {
        break;
      }
      if (attempt === 60) {
        throw new Error(`payments never learned the stream: ${JSON.stringify(probe.errors)}`);
      }
      await sleep(1000);
    }

    // one request at a time on the idle platform: what a read costs before any load
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const answer = await ask(
        url,
        'query ($s: ID!) { liveStream(id: $s) { id title viewerCount } me { id handle } }',
        { s: streamId },
        watchers[0].token,
      );
      idle.push(performance.now() - started);
      if (answer.errors) {
        console.log(`idle read failed: ${JSON.stringify(answer.errors)}`);
      }
    }
    idle.sort((a, b) => a - b);
    console.log(
      `idle read through the front proxy: p50 ${idle[10].toFixed(0)} ms, max ${idle[19].toFixed(0)} ms`,
    );

    const meter = new Meter();
    const since = new Date().toISOString();
    for (const watcher of watchers) {
      const viewer = new ChatViewer(meter, url, watcher, streamId, since);
      viewer.open();
      viewers.push(viewer);
    }
    await sleep(2000);
    const chat = new ChatSenders(meter, url, streamId);
    const payments = new Payments(meter, url, streamId);
    const uploads = new Uploads(meter, url, clipPath);
    chat.start(senders, 2_100);
    startReads(meter, url, readers, streamId, () => uploads.completed.at(-1), READ_RATE);
    payments.start(tippers, 1_000);
    uploads.start(uploaders, 8_000);

    console.log(`load running (${BEFORE_S} s before the kill)…`);
    await sleep(BEFORE_S * 1000);
    const busyWorker = cluster.workers.find(worker => worker.busy);
    const victims: Instance[] = [
      cluster.gateways[0],
      ...SUBGRAPH_NAMES.map(name => cluster!.bySubgraph.get(name)![0]),
      busyWorker ?? cluster.workers[0],
    ];
    const killedAt = meter.now();
    await Promise.all(victims.map(victim => victim.kill()));
    console.log(
      `SIGKILLed ${victims.map(v => v.name).join(', ')} at ${s(killedAt)} s ` +
        `(the worker was ${busyWorker ? 'transcoding' : 'idle'})`,
    );
    await sleep(DOWN_S * 1000);
    const restartAt = meter.now();
    await inBatches(victims, Number(process.env.STARTING_AT_ONCE ?? 3));
    const restartedAt = meter.now();
    console.log(
      `restarted in ${s(restartedAt - restartAt)} s (${victims.map(v => `${v.name} ${s(v.startedMs)} s`).join(', ')})`,
    );
    await sleep(AFTER_S * 1000);
    const endAt = meter.now();
    await stopLoads();

    // Recovery: from the kill until reads are back to 90 % of their rate before, over 3 s.
    const beforeRead = meter.rate('ok', 'read', 5_000, killedAt);
    let recoveredAt: number | undefined;
    for (let at = killedAt; at + 3_000 <= endAt; at += 1_000) {
      if (meter.rate('ok', 'read', at, at + 3_000) >= 0.9 * beforeRead) {
        recoveredAt = at;
        break;
      }
    }
    const phases: [string, number, number][] = [
      ['before the kill', 5_000, killedAt],
      ['during (kill → restarted)', killedAt, restartedAt],
      ['after the restart', restartedAt, endAt],
    ];
    const kinds = ['read', 'chat', 'delivered', 'payment', 'upload'];
    table('throughput (per second, successes / failures)', [
      ['phase', 'seconds', ...kinds],
      ...phases.map(([name, from, to]) => [
        name,
        s(to - from),
        ...kinds.map(
          kind =>
            `${meter.rate('ok', kind, from, to).toFixed(1)} / ${meter.rate('failed', kind, from, to).toFixed(1)}`,
        ),
      ]),
    ]);
    console.log(
      `\nrecovery: processes healthy again ${s(restartedAt - killedAt)} s after the kill ` +
        `(${DOWN_S} s down + ${s(restartedAt - restartAt)} s to start); reads back to 90 % of before ` +
        `${recoveredAt === undefined ? 'never' : `${s(recoveredAt - killedAt)} s after the kill`}`,
    );
    console.log(`failures by code: ${JSON.stringify(Object.fromEntries(meter.failureCodes))}`);
    console.log(
      `connections per instance: ${[...cluster.proxies.values()]
        .map(proxy => `${proxy.name} ${JSON.stringify(Object.fromEntries(proxy.connections))}`)
        .join('; ')}`,
    );

    // Settle: transcodes still running (a killed worker's job waits for its lease), viewers of
    // the killed live instance falling out (presence time-to-live), replays arriving.
    const settleStart = performance.now();
    const videoStates = async () =>
      sql<{ id: string; status: string }>(
        database.url,
        `select id, status from videos.video where id = any($1)`,
        [uploads.completed],
      );
    for (;;) {
      const states = await videoStates();
      const pending = states.filter(v => v.status === 'PROCESSING').length;
      const sinceKill = meter.now() - killedAt;
      if (
        (pending === 0 && sinceKill > 40_000) ||
        performance.now() - settleStart > SETTLE_S * 1000
      ) {
        break;
      }
      await sleep(2000);
    }

    // chat: stored once, and delivered once to every viewer
    const stored = await sql<{ id: string; body: string }>(
      database.url,
      `select id, body from live.chat_message where stream_id = $1 and body like 'scale %'`,
      [streamId],
    );
    const storedCount = new Map<string, number>();
    stored.forEach(row => storedCount.set(row.body, (storedCount.get(row.body) ?? 0) + 1));
    const storedIds = new Set(stored.map(row => row.id));
    const lostChat = new Set<string>();
    let missedDeliveries = 0;
    let doubledDeliveries = 0;
    for (const [id] of chat.acknowledged) {
      if (!storedIds.has(id)) {
        lostChat.add(id);
      }
      for (const viewer of viewers) {
        const times = viewer.received.get(id) ?? 0;
        if (times === 0) {
          lostChat.add(id);
          missedDeliveries += 1;
        } else if (times > 1) {
          doubledDeliveries += 1;
        }
      }
    }
    const doubledChat = [...storedCount.values()].filter(count => count > 1).length;

    // payments: every paid tip SUCCEEDED with exactly one credit
    const tipIds = [...payments.paid.keys()];
    const tipRows = await sql<{ id: string; status: string; credits: number }>(
      database.url,
      `select t.id, t.status, (select count(*)::int from payments.ledger_transaction l
          where l.kind = 'TIP_CREDIT' and l.reference::text = t.id::text) as credits
         from payments.tip t where t.id = any($1)`,
      [tipIds],
    );
    const lostPayments =
      tipRows.filter(row => row.status !== 'SUCCEEDED' || row.credits === 0).length +
      (tipIds.length - tipRows.length);
    const doubledPayments = tipRows.filter(row => row.credits > 1).length;

    // jobs: every completed upload READY, with one completed transcode job
    const states = await videoStates();
    const lostJobs =
      states.filter(v => v.status !== 'READY').length + (uploads.completed.length - states.length);
    const jobs = await sql<{ video: string; completed: number }>(
      database.url,
      `select data->>'videoId' as video, count(*) filter (where state = 'completed')::int as completed
         from pgboss.job where name = 'videos.transcode' and data->>'videoId' = any($1)
        group by 1`,
      [uploads.completed],
    );
    const doubledJobs = jobs.filter(job => job.completed > 1).length;

    // viewer counts: each gateway and each live instance, asked directly
    const COUNT = 'query ($s: ID!) { liveStream(id: $s) { viewerCount } }';
    const counts: Record<string, number | string> = {};
    for (const gateway of cluster.gateways) {
      const answer = await ask(`${gateway.url}/graphql`, COUNT, { s: streamId });
      counts[gateway.name] = answer.data?.liveStream?.viewerCount ?? JSON.stringify(answer.errors);
    }
    for (const live of cluster.bySubgraph.get('live')!) {
      const answer = await ask(`${live.url}/graphql`, COUNT, { s: streamId });
      counts[live.name] = answer.data?.liveStream?.viewerCount ?? JSON.stringify(answer.errors);
    }
    const countsAgree = Object.values(counts).every(count => count === VIEWERS);

    console.log(
      `\nchecked after ${s(performance.now() - settleStart)} s of settling: chat ${chat.acknowledged.size} acknowledged, ` +
        `${stored.length} stored, ${missedDeliveries} deliveries missed and ${doubledDeliveries} doubled over ` +
        `${viewers.length} viewers (${viewers.reduce((sum, v) => sum + v.resubscriptions, 0)} re-subscriptions); ` +
        `tips ${tipIds.length} paid (${[...payments.paid.values()].filter(v => v === 'closed').length} confirmed by a second press), ` +
        `${payments.abandoned.length} abandoned; uploads ${uploads.completed.length} completed, ` +
        `${states.filter(v => v.status === 'READY').length} READY, states ${JSON.stringify(countBy(states.map(v => v.status)))}; ` +
        `viewer counts ${JSON.stringify(counts)} (expected ${VIEWERS})`,
    );
    console.log(`(whole run ${s(performance.now() - t)} s, node ${process.version})\n`);
    console.log(
      `lost ${lostChat.size} chat messages, ${lostPayments} payments, ${lostJobs} jobs; ` +
        `duplicated ${doubledChat + doubledDeliveries + doubledPayments + doubledJobs}; ` +
        `viewer counts agree: ${countsAgree ? 'yes' : 'no'}`,
    );
  } finally {
    if (process.env.SCALE_LOG_DIR) {
      cluster?.writeLogs(process.env.SCALE_LOG_DIR);
    }
    await Promise.allSettled(viewers.map(viewer => viewer.close()));
    await cluster?.stop();
    await redis.stop();
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function countBy(values: string[]) {
  const counts: Record<string, number> = {};
  values.forEach(value => (counts[value] = (counts[value] ?? 0) + 1));
  return counts;
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
