import { eventually } from '@vp/kit/testing';
import {
  ChatLoad,
  compareChat,
  since,
  sleep,
  sql,
  storedChat,
  terminateBackends,
  terminateMidTransaction,
} from '../../testing/faults';
import { type Person, startTestPlatform, type TestPlatform } from '../../testing/test-platform';

/*
 * Connections to the test's own database terminated (pg_terminate_backend) under chat and tip
 * load: all of them, then for 4 s each one caught inside a transaction, then all again: the subgraphs reconnect by themselves, no acknowledged chat
 * message or paid tip is lost, and nothing is stored twice (a tip credited once, one chat line each).
 */

const SEND_TIP = `mutation ($input: SendTipInput!) { sendTip(input: $input) { id checkoutUrl } }`;

let platform: TestPlatform;
let senders: Person[];
let tipper: Person;
let streamId: string;
let load: ChatLoad | undefined;
let tipping = false;
let tipLoop: Promise<void> | undefined;

beforeAll(async () => {
  platform = await startTestPlatform({ subgraphs: ['users', 'live', 'payments'] });
  const people = await Promise.all(
    ['streamer', 'tipper', 's1', 's2', 's3', 's4'].map(name => platform.signUp({ name })),
  );
  tipper = people[1];
  senders = people.slice(2);
  const created = await platform.query(
    'mutation { createLiveStream(input: { title: "PostgreSQL fault" }) { id } }',
    {},
    people[0].token,
  );
  streamId = created.data.createLiveStream.id;
}, 60_000);

afterAll(async () => {
  tipping = false;
  await tipLoop;
  await load?.stop();
  await platform?.stop();
});

/** Tips paid through the sandbox checkout (the provider's webhook then credits them). */
const paid: { id: string; at: number }[] = [];
const tipErrors: string[] = [];

async function tipOnce() {
  const response = await platform
    .query(SEND_TIP, { input: { targetId: streamId, amountJpy: 500 } }, tipper.token)
    .catch((error: Error) => ({
      data: undefined,
      errors: [{ message: error.message, extensions: { code: 'NETWORK' } }],
    }));
  const tip = response.data?.sendTip as { id: string; checkoutUrl: string } | undefined;
  if (!tip) {
    tipErrors.push(JSON.stringify(response.errors?.[0]?.extensions?.code ?? response.errors));
    return;
  }
  const payment = await fetch(tip.checkoutUrl.replace('localhost', '127.0.0.1'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'outcome=success',
    redirect: 'manual',
  }).catch(() => undefined);
  if (payment && payment.status < 400) {
    paid.push({ id: tip.id, at: performance.now() });
  } else {
    tipErrors.push(`checkout ${payment?.status ?? 'unreachable'}`);
  }
}

test('subgraphs ride out terminated PostgreSQL connections; no chat message or payment lost or doubled', async () => {
  load = new ChatLoad(platform, streamId, senders);
  load.start();
  tipping = true;
  tipLoop = (async () => {
    while (tipping) {
      await tipOnce();
      await sleep(150);
    }
  })();
  await eventually(() => paid.length >= 3 && load!.acknowledged.size >= 3, {
    timeoutMs: 30_000,
    what: 'chat and tips flowing',
  });

  const firstKill = performance.now();
  // every connection at once (pools, pg-boss, listeners), then for 4 s each one caught mid-transaction
  const all = await terminateBackends(platform.database.url);
  const midTransaction = await terminateMidTransaction(platform.database.url, 4_000);
  const again = await terminateBackends(platform.database.url);
  const lastKill = performance.now();
  await eventually(() => load!.firstAcknowledgedAfter(lastKill), {
    timeoutMs: 30_000,
    what: 'a chat message acknowledged after the last kill',
  });
  const chatBackMs = Math.round(load.firstAcknowledgedAfter(lastKill)! - lastKill);
  await eventually(() => paid.some(tip => tip.at > lastKill), {
    timeoutMs: 30_000,
    what: 'a tip paid after the last kill',
  });
  const tipBackMs = Math.round(paid.find(tip => tip.at > lastKill)!.at - lastKill);
  await sleep(1_500);
  tipping = false;
  await tipLoop;
  await load.stop();

  // Every paid tip ends SUCCEEDED with exactly one credit and exactly one chat line.
  const settledStart = performance.now();
  const ids = paid.map(tip => tip.id);
  const settled = await eventually(
    () =>
      sql<{ id: string; status: string; credits: string; lines: string }>(
        platform.database.url,
        `select t.id, t.status,
                (select count(*) from payments.ledger_transaction l where l.reference = t.id and l.kind = 'TIP_CREDIT') as credits,
                (select count(*) from live.chat_message m where m.tip_id = t.id) as lines
           from payments.tip t where t.id = any($1::uuid[])`,
        [ids],
      ),
    {
      until: rows =>
        rows.length === ids.length &&
        rows.every(row => row.status === 'SUCCEEDED' && row.lines === '1'),
      timeoutMs: 60_000,
      what: 'every paid tip credited and announced in the chat',
    },
  );
  const stored = await storedChat(platform.database.url, streamId);
  const { lost, duplicated } = compareChat(load.acknowledged, stored);
  const errorCodes = countOf(load.errors.map(error => error.code));
  console.log(
    `PostgreSQL fault: pg_terminate_backend on all ${all.terminated} connections ` +
      `(${all.inTransaction} in a transaction), then on ${midTransaction} caught mid-transaction over 4 s, ` +
      `then on all ${again.terminated} again; chat acknowledged again ${chatBackMs} ms and a tip paid ` +
      `again ${tipBackMs} ms after the last kill (${since(firstKill)} ms since the first); ` +
      `${load.acknowledged.size} chat messages acknowledged, ${lost.length} lost, ${duplicated.length} doubled; ` +
      `${paid.length} tips paid, all credited and announced ${since(settledStart)} ms after the load stopped; ` +
      `refusals during the faults: chat ${JSON.stringify(errorCodes)}, tips ${JSON.stringify(countOf(tipErrors))}`,
  );
  expect(all.terminated).toBeGreaterThan(0);
  expect(midTransaction).toBeGreaterThan(0);
  expect(lost).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(settled.map(row => row.credits)).toEqual(ids.map(() => '1'));
}, 180_000);

function countOf(values: string[]) {
  const counts: Record<string, number> = {};
  values.forEach(value => (counts[value] = (counts[value] ?? 0) + 1));
  return counts;
}
