import { readFileSync } from 'node:fs';
import { graphql } from '@vp/kit/testing';
import { sleep } from '@vp/launcher/testing/faults';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/*
 * What the bench asks of the platform, all through the front proxy (so through both gateways),
 * each remembering what the platform acknowledged so that the end can look for every bit of it.
 */

export interface Person {
  id: string;
  handle: string;
  token: string;
}

/** Successes and failures per second since `t0`, by kind. */
export class Meter {
  readonly t0 = performance.now();
  readonly ok = new Map<string, number[]>();
  readonly failed = new Map<string, number[]>();
  readonly failureCodes = new Map<string, number>();

  private add(map: Map<string, number[]>, kind: string) {
    const second = Math.floor((performance.now() - this.t0) / 1000);
    const row = map.get(kind) ?? [];
    row[second] = (row[second] ?? 0) + 1;
    map.set(kind, row);
  }

  success(kind: string) {
    this.add(this.ok, kind);
  }

  failure(kind: string, code: string) {
    this.add(this.failed, kind);
    const key = `${kind}:${code}`;
    this.failureCodes.set(key, (this.failureCodes.get(key) ?? 0) + 1);
  }

  /** Mean per second of `kind` over [fromMs, toMs) since t0. */
  rate(map: 'ok' | 'failed', kind: string, fromMs: number, toMs: number) {
    const row = this[map].get(kind) ?? [];
    const from = Math.floor(fromMs / 1000);
    const to = Math.max(from + 1, Math.floor(toMs / 1000));
    let sum = 0;
    for (let s = from; s < to; s++) {
      sum += row[s] ?? 0;
    }
    return sum / (to - from);
  }

  count(map: 'ok' | 'failed', kind: string, fromMs: number, toMs: number) {
    return (
      this.rate(map, kind, fromMs, toMs) *
      Math.max(1, Math.floor(toMs / 1000) - Math.floor(fromMs / 1000))
    );
  }

  now() {
    return performance.now() - this.t0;
  }
}

const codeOf = (response: { status: number; errors?: { extensions?: { code?: string } }[] }) =>
  String(response.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`);

/** graphql() that answers a network failure as an error instead of throwing. */
export async function ask(url: string, query: string, variables: object, token?: string) {
  try {
    return await graphql(url, query, variables as Record<string, unknown>, { token });
  } catch (error) {
    return {
      status: 0,
      data: undefined as any,
      errors: [{ message: (error as Error).message, extensions: { code: 'NETWORK' } }],
    };
  }
}

/** A loop that runs while `running()` and is awaited at the end. */
const loops: Promise<void>[] = [];
let running = true;
export const stopLoads = async () => {
  running = false;
  await Promise.all(loops);
};
const loop = (body: () => Promise<void>) => {
  loops.push(
    (async () => {
      while (running) {
        await body();
      }
    })(),
  );
};

/**
 * Reads at `perSecond` in all, spread over the readers (paced, not closed-loop: on this shared
 * 2-core box a closed loop would take every spare cycle and starve the restarts it measures),
 * asking a stream (live + users) and a video (videos + users) in turn.
 */
export function startReads(
  meter: Meter,
  url: string,
  readers: Person[],
  streamId: string,
  videoId: () => string | undefined,
  perSecond: number,
) {
  const everyMs = (1000 * readers.length) / perSecond;
  readers.forEach((reader, i) =>
    loop(async () => {
      const started = performance.now();
      await readOnce(i, reader);
      await sleep(Math.max(0, everyMs - (performance.now() - started)));
    }),
  );
  async function readOnce(i: number, reader: Person) {
    const video = videoId();
    const [query, variables] =
      i % 2 === 0 || !video
        ? [
            'query ($s: ID!) { liveStream(id: $s) { id title viewerCount } me { id handle } }',
            { s: streamId },
          ]
        : ['query ($v: ID!) { video(id: $v) { id title status owner { handle } } }', { v: video }];
    const response = await ask(url, query, variables, reader.token);
    if (response.errors) {
      meter.failure('read', codeOf(response));
    } else {
      meter.success('read');
    }
  }
}

const SEND_CHAT = `mutation ($s: ID!, $b: String!) { sendChatMessage(streamId: $s, body: $b) { id } }`;

/** Chat senders, each a numbered line every `everyMs` (under the chat's 5 per 10 s). */
export class ChatSenders {
  /** id → body of every message the platform acknowledged. */
  readonly acknowledged = new Map<string, string>();

  constructor(
    private readonly meter: Meter,
    private readonly url: string,
    private readonly streamId: string,
  ) {}

  start(senders: Person[], everyMs: number) {
    senders.forEach((sender, i) => {
      let n = 0;
      const offset = (everyMs / senders.length) * i;
      let first = true;
      loop(async () => {
        if (first) {
          first = false;
          await sleep(offset);
        }
        const body = `scale ${i} #${n++}`;
        const started = performance.now();
        const response = await ask(
          this.url,
          SEND_CHAT,
          { s: this.streamId, b: body },
          sender.token,
        );
        const id = response.data?.sendChatMessage?.id as string | undefined;
        if (id) {
          this.acknowledged.set(id, body);
          this.meter.success('chat');
        } else {
          this.meter.failure('chat', codeOf(response));
        }
        await sleep(Math.max(0, everyMs - (performance.now() - started)));
      });
    });
  }
}

const ADDED =
  'subscription ($s: ID!, $after: ID, $since: DateTime) { chatMessageAdded(streamId: $s, after: $after, since: $since) { id body createdAt } }';

/** Whether chat message `a` comes after `b` in the chat's order: created at, then id. */
const isAfter = (a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) => {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return at > 0 || (at === 0 && a.id > b.id);
};

/**
 * A chat viewer as the web app is one: one socket through the front proxy, and when the
 * subscription or the socket ends (its gateway or its live instance died) it subscribes again on
 * a new socket with `after` = the newest message it saw in the chat's order (created at, then
 * id), so the platform replays what it missed. Live messages may arrive out of that order (two
 * instances commit them), so the one that arrived last may be older than others seen, and
 * resuming after it would replay those again.
 */
export class ChatViewer {
  readonly received = new Map<string, number>();
  private newest?: { id: string; createdAt: string };
  resubscriptions = 0;
  private client?: Client;
  private closed = false;

  constructor(
    private readonly meter: Meter,
    private readonly url: string,
    private readonly person: Person,
    private readonly streamId: string,
    private readonly since: string,
  ) {}

  open() {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${this.person.token}` },
    });
    this.client = client;
    const variables = this.newest
      ? { s: this.streamId, after: this.newest.id }
      : { s: this.streamId, since: this.since };
    let again = false;
    const reopen = (code: string) => {
      if (again || this.closed) {
        return;
      }
      again = true;
      this.meter.failure('subscription', code);
      this.resubscriptions += 1;
      void client.dispose();
      setTimeout(() => this.open(), 250);
    };
    client.subscribe<{ chatMessageAdded: { id: string; createdAt: string } }>(
      { query: ADDED, variables },
      {
        next: event => {
          const message = event.data?.chatMessageAdded;
          if (message) {
            this.received.set(message.id, (this.received.get(message.id) ?? 0) + 1);
            if (!this.newest || isAfter(message, this.newest)) {
              this.newest = message;
            }
            this.meter.success('delivered');
          } else {
            reopen(String(event.errors?.[0]?.extensions?.code ?? 'ERROR'));
          }
        },
        error: () => reopen('SOCKET'),
        complete: () => reopen('COMPLETE'),
      },
    );
  }

  async close() {
    this.closed = true;
    await this.client?.dispose();
  }
}

/**
 * Tippers: each tips the stream (sendTip), opens the sandbox checkout and pays; a Pay that failed
 * on the way is posted again until the checkout answers (as a buyer presses again).
 */
export class Payments {
  /** tip id → whether the buyer saw "Payment received" (else the checkout said it was closed). */
  readonly paid = new Map<string, 'received' | 'closed'>();
  readonly abandoned: string[] = [];

  constructor(
    private readonly meter: Meter,
    private readonly url: string,
    private readonly streamId: string,
  ) {}

  start(tippers: Person[], everyMs: number) {
    tippers.forEach((tipper, i) => {
      let n = 0;
      loop(async () => {
        const started = performance.now();
        await this.tip(tipper, 100 + i * 1000 + n++);
        await sleep(Math.max(0, everyMs - (performance.now() - started)));
      });
    });
  }

  private async tip(tipper: Person, amountJpy: number) {
    const sent = await ask(
      this.url,
      'mutation ($input: SendTipInput!) { sendTip(input: $input) { id checkoutUrl } }',
      { input: { targetId: this.streamId, amountJpy, message: 'scale' } },
      tipper.token,
    );
    const tip = sent.data?.sendTip as { id: string; checkoutUrl: string } | undefined;
    if (!tip) {
      this.meter.failure('payment', codeOf(sent));
      return;
    }
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await fetch(tip.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=success',
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      const text = await response?.text().catch(() => '');
      if (response?.ok && text?.includes('Payment received')) {
        this.paid.set(tip.id, 'received');
        this.meter.success('payment');
        return;
      }
      if (response?.status === 409 && attempt > 0) {
        // an earlier press went through before its answer was lost
        this.paid.set(tip.id, 'closed');
        this.meter.success('payment');
        return;
      }
      this.meter.failure('payment', response ? `HTTP ${response.status}` : 'NETWORK');
      await sleep(500);
    }
    this.abandoned.push(tip.id);
  }
}

/**
 * Uploaders: a short clip every `everyMs` — createUpload, PUT, completeUpload (each retried until
 * answered, as the studio's uploader does); a completed upload is a transcode job to finish.
 */
export class Uploads {
  readonly completed: string[] = [];

  constructor(
    private readonly meter: Meter,
    private readonly url: string,
    private readonly clipPath: string,
  ) {}

  start(uploaders: Person[], everyMs: number) {
    const clip = readFileSync(this.clipPath);
    uploaders.forEach(uploader => {
      let n = 0;
      loop(async () => {
        const started = performance.now();
        await this.upload(uploader, clip, n++);
        await sleep(Math.max(0, everyMs - (performance.now() - started)));
      });
    });
  }

  private async retry<T>(
    what: string,
    action: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    for (let attempt = 0; attempt < 60 && running; attempt++) {
      const result = await action().catch(() => undefined);
      if (result !== undefined) {
        return result;
      }
      this.meter.failure('upload', what);
      await sleep(500);
    }
    return undefined;
  }

  private async upload(uploader: Person, clip: Buffer, n: number) {
    const created = await this.retry('createUpload', async () => {
      const response = await ask(
        this.url,
        `mutation ($input: CreateUploadInput!) {
           createUpload(input: $input) { video { id } upload { url method headers { name value } } } }`,
        {
          input: {
            filename: `scale-${n}.mp4`,
            contentType: 'video/mp4',
            sizeBytes: clip.length,
            title: `Scale ${n}`,
          },
        },
        uploader.token,
      );
      return response.data?.createUpload as
        | {
            video: { id: string };
            upload: { url: string; method: string; headers: { name: string; value: string }[] };
          }
        | undefined;
    });
    if (!created) {
      return;
    }
    const { video, upload } = created;
    const put = await this.retry('PUT', async () => {
      const response = await fetch(upload.url, {
        method: upload.method,
        headers: Object.fromEntries(upload.headers.map(h => [h.name, h.value])),
        body: new Uint8Array(clip),
      });
      return response.status < 300 ? true : undefined;
    });
    if (!put) {
      return;
    }
    const done = await this.retry('completeUpload', async () => {
      const response = await ask(
        this.url,
        'mutation ($id: ID!) { completeUpload(videoId: $id) { id status } }',
        { id: video.id },
        uploader.token,
      );
      if (response.data?.completeUpload) {
        return true;
      }
      // an earlier completeUpload went through before its answer was lost
      return response.errors?.some(error => /already|PROCESSING/i.test(error.message))
        ? true
        : undefined;
    });
    if (done) {
      this.completed.push(video.id);
      this.meter.success('upload');
    }
  }
}
