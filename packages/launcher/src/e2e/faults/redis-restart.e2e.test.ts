import { existsSync } from 'node:fs';
import { describeOrSkip, eventually, subscribe, type Subscription } from '@vp/kit/testing';
import Redis from 'ioredis';
import {
  ChatLoad,
  compareChat,
  since,
  sleep,
  startPrivateRedis,
  storedChat,
  type PrivateRedis,
} from '../../testing/faults';
import { type Person, startTestPlatform, type TestPlatform } from '../../testing/test-platform';

/*
 * Redis killed (SIGKILL) and started again under chat and rate-limit load, on a redis-server of
 * this test's own: the subgraphs and the gateway are not restarted. Every acknowledged chat message
 * is stored once; chat pub/sub and Redis-backed rate limits come back by themselves.
 */

const ADDED = `subscription ($streamId: ID!) { chatMessageAdded(streamId: $streamId) { id body } }`;

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

describeOrSkip(
  existsSync(REDIS_SERVER) ? undefined : `no ${REDIS_SERVER} (apt-get install redis-server)`,
  'Redis killed and restarted under load',
  () => {
    let redis: PrivateRedis;
    let platform: TestPlatform;
    let senders: Person[];
    let spammer: Person;
    let streamId: string;
    const open: Subscription[] = [];
    const loads: ChatLoad[] = [];

    beforeAll(async () => {
      redis = await startPrivateRedis(REDIS_SERVER);
      platform = await startTestPlatform({ subgraphs: ['users', 'live'], redisUrl: redis.url });
      const people = await Promise.all(
        ['streamer', 'spammer', 's1', 's2', 's3', 's4'].map(name => platform.signUp({ name })),
      );
      const streamer = people[0];
      spammer = people[1];
      senders = people.slice(2);
      const created = await platform.query(
        'mutation { createLiveStream(input: { title: "Redis fault" }) { id } }',
        {},
        streamer.token,
      );
      streamId = created.data.createLiveStream.id;
    }, 60_000);

    afterAll(async () => {
      await Promise.allSettled(loads.map(load => load.stop()));
      await Promise.allSettled(open.map(subscription => subscription.close()));
      await platform?.stop();
      await redis?.stop();
    });

    test('chat and rate limits survive Redis being killed and restarted; no message lost or doubled', async () => {
      const listener = subscribe(platform.url, ADDED, { streamId });
      open.push(listener);
      const load = new ChatLoad(platform, streamId, senders, spammer);
      load.start();
      loads.push(load);
      await listener.waitUntil(events => events.length >= 3, 20_000);
      await eventually(() => load.spammerRefusals > 0, { what: 'the spammer to be rate-limited' });

      const killedAt = performance.now();
      await redis.kill();
      await sleep(4_000);
      const acknowledgedDuringOutage = load.acknowledgedAt.filter(at => at > killedAt).length;

      await redis.start();
      const restartedAt = performance.now();
      const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await probe.connect();
      try {
        // rate limits: counted in Redis again (not only in each process's insurance limiter)
        await eventually(async () => (await probe.keys('ratelimit:*')).length > 0, {
          timeoutMs: 30_000,
          what: 'rate-limit counters back in Redis',
        });
        const rateLimitsBackMs = since(restartedAt);
        const refusedAt = load.spammerRefusals;
        await eventually(() => load.spammerRefusals > refusedAt, {
          what: 'the spammer refused again',
        });

        // pub/sub: a message acknowledged after the restart reaches the subscriber open all along
        const heardNew = () =>
          listener.events.some(event => {
            const at = load.acknowledgedTime(event.data?.chatMessageAdded?.body);
            return at !== undefined && at > restartedAt;
          });
        await eventually(heardNew, {
          timeoutMs: 30_000,
          what: 'the open subscription to hear a new message',
        }).catch(() => undefined);
        const openSubscriptionBackMs = heardNew() ? since(restartedAt) : undefined;
        const fresh = subscribe(platform.url, ADDED, { streamId });
        open.push(fresh);
        const freshStart = performance.now();
        await eventually(() => fresh.events.length > 0, {
          timeoutMs: 20_000,
          what: 'a new subscription to hear the load',
        });
        const freshMs = since(freshStart);
        await sleep(2_000);
        await load.stop();

        const stored = await storedChat(platform.database.url, streamId);
        const { lost, duplicated } = compareChat(load.acknowledged, stored);
        console.log(
          `Redis fault: killed for 4 s under chat load (${senders.length} senders, a spammer); ` +
            `${load.acknowledged.size} messages acknowledged (${acknowledgedDuringOutage} during the outage), ` +
            `${stored.length} stored, ${lost.length} lost, ${duplicated.length} doubled; ` +
            `rate limits back in Redis ${rateLimitsBackMs} ms after its restart; ` +
            `the subscription open all along heard new messages again ` +
            `${openSubscriptionBackMs === undefined ? 'NEVER (within 30 s)' : `${openSubscriptionBackMs} ms after the restart`}; ` +
            `a new subscription heard the load ${freshMs} ms after opening; ` +
            `errors seen: ${JSON.stringify(countCodes(load.errors))}`,
        );
        expect(lost).toEqual([]);
        expect(duplicated).toEqual([]);
        expect(load.acknowledgedAt.some(at => at > restartedAt)).toBe(true);
        expect(openSubscriptionBackMs).toBeDefined();
      } finally {
        await load.stop();
        probe.disconnect();
      }
    }, 120_000);
  },
);

function countCodes(errors: { code: string }[]) {
  const counts: Record<string, number> = {};
  errors.forEach(({ code }) => (counts[code] = (counts[code] ?? 0) + 1));
  return counts;
}
