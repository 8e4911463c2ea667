import { eventually } from '@vp/kit/testing';
import {
  ChatLoad,
  compareChat,
  since,
  sleep,
  storedChat,
  subgraphProcess,
} from '../../testing/faults';
import { type Person, startTestPlatform, type TestPlatform } from '../../testing/test-platform';

/*
 * The live subgraph as its own process (subgraphs/live/src/main.ts, as docker-compose runs it),
 * killed with SIGKILL under chat load and started again: the gateway and the users subgraph keep
 * running and answering, chat works again once live is back, and no acknowledged message is lost
 * or stored twice.
 */

let platform: TestPlatform;
let live: Awaited<ReturnType<typeof subgraphProcess>> | undefined;
let senders: Person[];
let streamId: string;
let load: ChatLoad | undefined;

beforeAll(async () => {
  platform = await startTestPlatform({
    subgraphs: ['users', 'live'],
    external: {
      live: async setup => (live = await subgraphProcess('live', setup, { LIVE_INGEST: 'off' })),
    },
  });
  const people = await Promise.all(
    ['streamer', 's1', 's2', 's3', 's4'].map(name => platform.signUp({ name })),
  );
  senders = people.slice(1);
  const created = await platform.query(
    'mutation { createLiveStream(input: { title: "SIGKILL" }) { id } }',
    {},
    people[0].token,
  );
  expect(created.errors).toBeUndefined();
  streamId = created.data.createLiveStream.id;
}, 120_000);

afterAll(async () => {
  await load?.stop();
  await platform?.stop();
  await live?.stop();
});

test('a SIGKILLed subgraph comes back under load; the others never stop answering; no chat message lost or doubled', async () => {
  load = new ChatLoad(platform, streamId, senders);
  load.start();
  // the users subgraph, asked all along through the same gateway
  const usersAnswers = { ok: 0, failed: 0 };
  let asking = true;
  const askUsers = (async () => {
    while (asking) {
      const me = await platform.query('{ me { id } }', {}, senders[0].token).catch(() => undefined);
      if (me?.data?.me?.id) {
        usersAnswers.ok += 1;
      } else {
        usersAnswers.failed += 1;
      }
      await sleep(100);
    }
  })();
  await eventually(() => load!.acknowledged.size >= 3, { what: 'chat flowing' });

  const killed = live!.process;
  const killedAt = performance.now();
  await killed.kill('SIGKILL');
  expect(killed.child.signalCode).toBe('SIGKILL');
  const usersDuringOutage = { ...usersAnswers };
  await sleep(2_000);
  const restartAt = performance.now();
  await live!.restart();
  const startedMs = since(restartAt);
  await eventually(() => load!.firstAcknowledgedAfter(restartAt), {
    timeoutMs: 30_000,
    what: 'a chat message acknowledged after the restart',
  });
  const backAfterKillMs = Math.round(load.firstAcknowledgedAfter(killedAt)! - killedAt);
  const backAfterStartMs = Math.round(
    load.firstAcknowledgedAfter(restartAt)! - (restartAt + startedMs),
  );
  await sleep(2_000);
  await load.stop();
  asking = false;
  await askUsers;

  const stored = await storedChat(platform.database.url, streamId);
  const { lost, duplicated } = compareChat(load.acknowledged, stored);
  const codes: Record<string, number> = {};
  load.errors.forEach(({ code }) => (codes[code] = (codes[code] ?? 0) + 1));
  console.log(
    `Subgraph SIGKILL: live killed, down 2 s, its process took ${startedMs} ms to start again; ` +
      `chat acknowledged again ${backAfterKillMs} ms after the kill (${backAfterStartMs} ms after ` +
      `live answered /health); ${load.acknowledged.size} messages acknowledged, ${stored.length} ` +
      `stored, ${lost.length} lost, ${duplicated.length} doubled; chat refusals meanwhile ` +
      `${JSON.stringify(codes)}; users answered ${usersAnswers.ok} times, failed ${usersAnswers.failed} ` +
      `(${usersAnswers.failed - usersDuringOutage.failed} after the kill)`,
  );
  expect(lost).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(usersAnswers.failed).toBe(0);
}, 150_000);
