import { describeIfFfmpeg, eventually, graphql } from '@vp/kit/testing';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';
import { createStream, type Ingest, Publisher, startIngest } from './test-ingest';

jest.setTimeout(120_000);

const ROTATE = 'mutation ($id: ID!) { rotateStreamKey(id: $id) { id ingest { streamKey } } }';

/**
 * Issue 16, weaknesses 3 and 5: rotating a stream key disconnects the publisher that used the old
 * one (today it streams on until it stops by itself), and the ingest marks the sessions it holds
 * alive so that housekeeping can tell a dead instance's streams.
 */
describeIfFfmpeg('the ingest heartbeat', () => {
  let ingest: Ingest;
  const publishers: Publisher[] = [];
  beforeAll(async () => {
    ingest = await startIngest({ heartbeatSeconds: 1, reconnectGraceSeconds: 30 });
  });
  afterAll(async () => {
    await Promise.all(publishers.map(publisher => publisher.kill()));
    await ingest?.stop();
  });
  const publish = (url: string) => {
    const publisher = new Publisher(url, 60);
    publishers.push(publisher);
    return publisher;
  };
  const streamRow = (id: string) => ingest.em().findOneOrFail(LiveStream, { id });

  it('marks a stream on air alive, and disconnects its publisher once its key is rotated', async () => {
    const stream = await createStream(ingest);
    const first = publish(`${stream.rtmpUrl}/${stream.key}`);
    const onAir = await eventually(
      async () => {
        const row = await streamRow(stream.id);
        return row.status === LiveStreamStatus.LIVE && row.ingestHeartbeatAt ? row : null;
      },
      { what: 'the stream on air with a heartbeat', timeoutMs: 30_000 },
    );
    const firstBeat = onAir.ingestHeartbeatAt!.getTime();
    await eventually(
      async () => (await streamRow(stream.id)).ingestHeartbeatAt!.getTime() > firstBeat,
      { what: 'a later heartbeat' },
    );

    const rotated = await graphql(ingest.url, ROTATE, { id: stream.id }, { token: stream.token });
    expect(rotated.errors).toBeUndefined();
    const newKey: string = rotated.data.rotateStreamKey.ingest.streamKey;

    // the server closes the old key's connection: ffmpeg exits on its own, long before its 60 s
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([
      first.exited.then(() => 'exited'),
      new Promise(resolve => (timer = setTimeout(() => resolve('still publishing'), 20_000))),
    ]);
    clearTimeout(timer);
    expect(exited).toBe('exited');

    // the stream stays LIVE through the reconnect window, and the new key carries on
    expect((await streamRow(stream.id)).status).toBe(LiveStreamStatus.LIVE);
    const second = publish(`${stream.rtmpUrl}/${newKey}`);
    const beforeReconnect = (await streamRow(stream.id)).ingestHeartbeatAt!.getTime();
    await eventually(
      async () => (await streamRow(stream.id)).ingestHeartbeatAt!.getTime() > beforeReconnect,
      { what: 'heartbeats under the new key' },
    );
    expect(second.process.exitCode).toBeNull();
  });
});
