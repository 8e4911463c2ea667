import { ContentTakenDown } from '@vp/contracts';
import { describeIfFfmpeg, eventually, type PeerEvents, startPeerEvents } from '@vp/kit/testing';
import { createStream, type Ingest, Publisher, startIngest } from '../ingest/test-ingest';
import { LiveStream, LiveStreamStatus } from '../streams/live-stream.entity';

jest.setTimeout(120_000);

// A takedown of a stream on air, with a real ffmpeg publisher into the embedded RTMP ingest: the
// publisher is cut off at once and its key no longer lets anyone back in.
describeIfFfmpeg('a live stream taken down while on air', () => {
  let ingest: Ingest;
  let peers: PeerEvents;
  const publishers: Publisher[] = [];

  beforeAll(async () => {
    ingest = await startIngest({ ladder: [{ height: 144, videoKbps: 200 }] });
    peers = await startPeerEvents(ingest.databaseUrl);
  });
  afterAll(async () => {
    await Promise.all(publishers.map(publisher => publisher.kill()));
    await peers?.stop();
    await ingest?.stop();
  });

  it('disconnects its publisher and refuses the key afterwards', async () => {
    const stream = await createStream(ingest);
    const publisher = new Publisher(`${stream.rtmpUrl}/${stream.key}`, 120);
    publishers.push(publisher);
    await eventually(
      async () => (await ingest.em().findOneOrFail(LiveStream, { id: stream.id })).status,
      { until: status => status === LiveStreamStatus.LIVE, what: 'the stream to go live' },
    );

    await peers.emit(ContentTakenDown, {
      targetType: 'LIVE_STREAM',
      targetId: stream.id,
      reason: 'Violence.',
      takenDownAt: new Date().toISOString(),
    });
    // the 120 s publisher ends long before its time: the ingest closed its session
    await publisher.exited;
    const stored = await ingest.em().findOneOrFail(LiveStream, { id: stream.id });
    expect(stored).toMatchObject({ status: LiveStreamStatus.ENDED, takedownReason: 'Violence.' });

    const again = new Publisher(`${stream.rtmpUrl}/${stream.key}`, 120);
    publishers.push(again);
    expect(await again.exited).not.toBe(0);
  });
});
