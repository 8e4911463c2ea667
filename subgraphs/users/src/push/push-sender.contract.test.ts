import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ExpoPushSender, TICKET_ID_MAX_LENGTH } from './expo-push-sender';
import { LocalPushOutbox } from './local-push-outbox';
import { type PushMessage, type PushSender } from './push-sender';
import { type ExpoPushStandIn, serveExpoPushStandIn } from './testing/expo-push-standin';

// The push port's contract, run against both sides: the local push outbox (the embedded default)
// and ExpoPushSender talking HTTP to a local stand-in of Expo's push service.

/** What a sender under test delivered, seen from the far side (outbox files, or the Expo wire). */
interface SenderUnderTest {
  sender: PushSender;
  delivered(): Promise<PushMessage[]>;
  /** The provider forgets a token, as Expo does once the app is uninstalled. */
  forget(token: string): void;
  stop(): Promise<void>;
}

const ACCESS_TOKEN = 'expo-access-token-for-tests';

const implementations: [string, () => Promise<SenderUnderTest>][] = [
  [
    'LocalPushOutbox',
    async () => {
      const folder = await mkdtemp(join(tmpdir(), 'push-outbox-'));
      const outbox = new LocalPushOutbox(folder);
      return {
        sender: outbox,
        async delivered() {
          const files = (await readdir(folder).catch(() => [])).sort();
          return Promise.all(
            files.map(async file => JSON.parse(await readFile(join(folder, file), 'utf8'))),
          );
        },
        forget: token => outbox.forget(token),
        stop: () => rm(folder, { recursive: true, force: true }),
      };
    },
  ],
  [
    'ExpoPushSender',
    async () => {
      const expo = await serveExpoPushStandIn({ accessToken: ACCESS_TOKEN });
      return {
        sender: new ExpoPushSender({ url: expo.url, accessToken: ACCESS_TOKEN }),
        // the wire's messages carry what PushMessage has, plus Expo's `sound`
        delivered: async () => expo.messages() as PushMessage[],
        forget: token => {
          expo.unregister(token);
        },
        stop: expo.close,
      };
    },
  ],
];

const token = (n: number) => `ExponentPushToken[contract${String(n).padStart(6, '0')}]`;
const message = (n: number): PushMessage => ({
  to: token(n),
  title: 'New video',
  body: `@creator${n} published a new video`,
  data: { url: `vp://watch/video-${n}`, notificationId: `notification-${n}` },
});
const shape = (pushed: PushMessage) => ({
  to: pushed.to,
  title: pushed.title,
  body: pushed.body,
  data: pushed.data,
});

describe.each(implementations)('push sender contract: %s', (_name, start) => {
  let underTest: SenderUnderTest;
  beforeEach(async () => {
    underTest = await start();
  });
  afterEach(() => underTest.stop());

  it('delivers each message to its device, with its title, body and deep link, in order', async () => {
    const messages = [message(1), message(2), message(3)];
    const outcome = await underTest.sender.send(messages);
    expect(outcome).toEqual({
      tickets: messages.map(sent => ({ id: expect.any(String), to: sent.to })),
      unregistered: [],
      refused: [],
    });
    expect((await underTest.delivered()).map(shape)).toEqual(messages);
  });

  it("answers each accepted message's receipt: delivered, or unregistered once the app is gone", async () => {
    const { tickets } = await underTest.sender.send([message(1), message(2)]);
    const ids = tickets.map(ticket => ticket.id);
    expect(await underTest.sender.receipts(ids)).toEqual({
      [ids[0]]: { ok: true },
      [ids[1]]: { ok: true },
    });
    // uninstalled after the push was accepted: Apple or Google say so in the receipt
    underTest.forget(token(2));
    const later = await underTest.sender.receipts([...ids, 'a-ticket-never-issued']);
    expect(later).toEqual({
      [ids[0]]: { ok: true },
      [ids[1]]: { ok: false, error: 'DeviceNotRegistered' },
    });
  });

  it('reads more receipts than one request takes (1,200)', async () => {
    const { tickets } = await underTest.sender.send(
      Array.from({ length: 1200 }, (_, n) => message(n)),
    );
    const receipts = await underTest.sender.receipts(tickets.map(ticket => ticket.id));
    expect(Object.keys(receipts)).toHaveLength(1200);
  });

  it('reports a token the provider no longer knows as unregistered, and delivers the rest', async () => {
    underTest.forget(token(2));
    const outcome = await underTest.sender.send([message(1), message(2), message(3)]);
    expect(outcome.unregistered).toEqual([token(2)]);
    expect(outcome.tickets.map(ticket => ticket.to)).toEqual([token(1), token(3)]);
    const delivered = (await underTest.delivered()).map(pushed => pushed.to);
    expect(delivered).toContain(token(1));
    expect(delivered).toContain(token(3));
  });

  it('delivers more messages than one request takes (250)', async () => {
    const messages = Array.from({ length: 250 }, (_, n) => message(n));
    await underTest.sender.send(messages);
    expect((await underTest.delivered()).map(shape)).toEqual(messages);
  });
});

describe('ExpoPushSender on the wire', () => {
  let expo: ExpoPushStandIn;
  beforeEach(async () => {
    expo = await serveExpoPushStandIn({ accessToken: ACCESS_TOKEN });
  });
  afterEach(() => expo.close());

  it('POSTs a JSON array with the headers Expo documents, at most 100 messages a request', async () => {
    await new ExpoPushSender({ url: `${expo.url}/`, accessToken: ACCESS_TOKEN }).send(
      Array.from({ length: 250 }, (_, n) => message(n)),
    );
    expect(expo.requests.map(request => request.messages.length)).toEqual([100, 100, 50]);
    const [first] = expo.requests;
    expect(first.headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'content-type': 'application/json',
      'content-encoding': 'gzip', // 100 messages are well over 1 KiB
      authorization: `Bearer ${ACCESS_TOKEN}`,
    });
    expect(first.messages[0]).toEqual({
      to: token(0),
      title: 'New video',
      body: '@creator0 published a new video',
      data: { url: 'vp://watch/video-0', notificationId: 'notification-0' },
      sound: 'default',
    });
  });

  it('sends a small batch uncompressed, and without a bearer when there is no access token', async () => {
    const open = await serveExpoPushStandIn();
    try {
      await new ExpoPushSender({ url: open.url }).send([message(1)]);
      expect(open.requests[0].headers['content-encoding']).toBeUndefined();
      expect(open.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('throws when the service refuses the request or fails, so the job retries', async () => {
    await expect(new ExpoPushSender({ url: expo.url }).send([message(1)])).rejects.toThrow(
      'Expo push service answered 401: UNAUTHORIZED',
    );
    expo.failNext(503);
    const sender = new ExpoPushSender({ url: expo.url, accessToken: ACCESS_TOKEN });
    await expect(sender.send([message(1)])).rejects.toThrow('answered 503');
    await expect(sender.send([message(1)])).resolves.toEqual({
      tickets: [{ id: expect.any(String), to: token(1) }],
      unregistered: [],
      refused: [],
    });
  });

  it('asks for receipts 1,000 ids a request, and throws when the service fails', async () => {
    const sender = new ExpoPushSender({ url: expo.url, accessToken: ACCESS_TOKEN });
    const { tickets } = await sender.send(Array.from({ length: 1001 }, (_, n) => message(n)));
    const ids = tickets.map(ticket => ticket.id);
    expect(Object.keys(await sender.receipts(ids))).toHaveLength(1001);
    expect(expo.receiptRequests()).toBe(2);
    expo.failNext(502);
    await expect(sender.receipts(ids.slice(0, 1))).rejects.toThrow('answered 502');
  });

  it('keeps no ticket whose id is not one it can store, and still counts the push as sent', async () => {
    // a service answering odd ids (too long for the receipts table, empty, not a string)
    const odd = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          data: [
            { status: 'ok', id: 'x'.repeat(TICKET_ID_MAX_LENGTH + 1) },
            { status: 'ok', id: '' },
            { status: 'ok', id: 42 },
            { status: 'ok', id: 'a'.repeat(TICKET_ID_MAX_LENGTH) },
          ],
        }),
      );
    });
    await new Promise<void>(resolve => odd.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = odd.address() as AddressInfo;
      const outcome = await new ExpoPushSender({ url: `http://127.0.0.1:${port}` }).send(
        [0, 1, 2, 3].map(message),
      );
      expect(outcome).toEqual({
        tickets: [{ id: 'a'.repeat(TICKET_ID_MAX_LENGTH), to: token(3) }],
        unregistered: [],
        refused: [],
      });
    } finally {
      await new Promise(resolve => odd.close(resolve));
    }
  });
});
