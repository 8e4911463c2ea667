import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describeIfFfmpeg, errorCodes, eventually, graphql, tokenFor } from '@vp/kit/testing';
import {
  createStream,
  type Ingest,
  parseMediaPlaylist,
  Publisher,
  readIfExists,
  startIngest,
} from '../ingest/test-ingest';
import { LiveStream, LiveStreamStatus } from './live-stream.entity';

jest.setTimeout(120_000);

const END = 'mutation ($id: ID!) { endLiveStream(id: $id) { id status endedAt } }';

/** The studio's "End stream": the owner ends a stream on air at once. */
describeIfFfmpeg('endLiveStream', () => {
  let ingest: Ingest;
  const publishers: Publisher[] = [];
  beforeAll(async () => {
    ingest = await startIngest({ heartbeatSeconds: 1, reconnectGraceSeconds: 2 });
  });
  afterAll(async () => {
    await Promise.all(publishers.map(publisher => publisher.kill()));
    await ingest?.stop();
  });
  const streamRow = (id: string) => ingest.em().findOneOrFail(LiveStream, { id });

  it('ends a stream on air: ENDED at once, the publisher let go, its key refused, the recording handed on', async () => {
    const stream = await createStream(ingest);
    const publisher = new Publisher(`${stream.rtmpUrl}/${stream.key}`, 60);
    publishers.push(publisher);
    // on air, with a segment written (a recording to hand on)
    await eventually(
      async () => {
        const text = await readIfExists(
          join(ingest.hlsDir, 'live', stream.id, 'source', 'index.m3u8'),
        );
        return !!text && parseMediaPlaylist(text).segments.length > 0;
      },
      { what: 'the stream on air with a segment', timeoutMs: 60_000 },
    );
    expect((await streamRow(stream.id)).status).toBe(LiveStreamStatus.LIVE);

    const someoneElse = await tokenFor(randomUUID());
    expect(
      errorCodes(await graphql(ingest.url, END, { id: stream.id }, { token: someoneElse })),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql(ingest.url, END, { id: stream.id }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      errorCodes(await graphql(ingest.url, END, { id: 'nope' }, { token: stream.token })),
    ).toEqual(['BAD_USER_INPUT']);
    expect((await streamRow(stream.id)).status).toBe(LiveStreamStatus.LIVE);

    const ended = await graphql(ingest.url, END, { id: stream.id }, { token: stream.token });
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endLiveStream.status).toBe('ENDED');
    expect(ended.data.endLiveStream.endedAt).toBeTruthy();
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([
      publisher.exited.then(() => 'exited'),
      new Promise(resolve => (timer = setTimeout(() => resolve('still publishing'), 20_000))),
    ]);
    clearTimeout(timer);
    expect(exited).toBe('exited');

    // the key no longer publishes
    const again = new Publisher(`${stream.rtmpUrl}/${stream.key}`, 10);
    publishers.push(again);
    await again.exited;
    expect((await streamRow(stream.id)).status).toBe(LiveStreamStatus.ENDED);
    await eventually(
      () => ingest.recordingsReady.some(event => event.payload.streamId === stream.id),
      {
        what: 'the recording handed to videos',
        timeoutMs: 30_000,
      },
    );
    // ending it again changes nothing
    const twice = await graphql(ingest.url, END, { id: stream.id }, { token: stream.token });
    expect(twice.data.endLiveStream.endedAt).toBe(ended.data.endLiveStream.endedAt);
  });
});
