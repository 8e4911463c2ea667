import { createServer, type IncomingMessage, type Server } from 'node:http';
import { MediaLiveChannels } from './medialive';

interface Seen {
  method: string;
  path: string;
  authorization: string;
  body: any;
}

describe('MediaLive adapter (requests checked against a local endpoint)', () => {
  let server: Server;
  let endpoint: string;
  const seen: Seen[] = [];

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : null;
  };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({
        method: req.method!,
        path: req.url!,
        authorization: String(req.headers.authorization),
        body,
      });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/prod/inputs') {
        res.writeHead(201).end(
          JSON.stringify({
            input: {
              id: '4242',
              type: 'RTMP_PUSH',
              destinations: [{ url: `rtmp://203.0.113.7:1935/${body.destinations[0].streamName}` }],
            },
          }),
        );
      } else if (req.url === '/prod/channels') {
        res.writeHead(201).end(JSON.stringify({ channel: { id: '9000', state: 'CREATING' } }));
      } else if (/^\/prod\/channels\/9000\/(start|stop)$/.test(req.url!)) {
        res.writeHead(200).end(JSON.stringify({ id: '9000', state: 'STARTING' }));
      } else if (req.method === 'DELETE') {
        res.writeHead(200).end('{}');
      } else {
        res.writeHead(404).end('{"message":"unexpected"}');
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('creates an RTMP_PUSH input keyed by the stream key and a channel with the HLS ladder to S3', async () => {
    const channels = new MediaLiveChannels({
      client: MediaLiveChannels.client('ap-northeast-1', endpoint, {
        accessKeyId: 'AKIDTEST',
        secretAccessKey: 'secret',
      }),
      roleArn: 'arn:aws:iam::123456789012:role/MediaLiveAccess',
      inputSecurityGroupId: '777',
      bucket: 'vp-media',
      ladder: [{ height: 360, videoKbps: 800 }],
    });
    const streamId = '6f1c2d3e-0000-4000-8000-000000000001';
    const created = await channels.create(streamId, 'k'.repeat(32));
    expect(created).toEqual({
      inputId: '4242',
      channelId: '9000',
      rtmpUrls: [`rtmp://203.0.113.7:1935/live/${'k'.repeat(32)}`],
    });

    const [input, channel] = seen;
    expect(input).toMatchObject({ method: 'POST', path: '/prod/inputs' });
    expect(input.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/ap-northeast-1\/medialive\/aws4_request/,
    );
    expect(input.body).toMatchObject({
      name: `live-${streamId}`,
      type: 'RTMP_PUSH',
      inputSecurityGroups: ['777'],
      destinations: [{ streamName: `live/${'k'.repeat(32)}` }],
    });

    expect(channel).toMatchObject({ method: 'POST', path: '/prod/channels' });
    const body = channel.body;
    expect(body).toMatchObject({
      channelClass: 'SINGLE_PIPELINE',
      roleArn: 'arn:aws:iam::123456789012:role/MediaLiveAccess',
      inputAttachments: [{ inputId: '4242' }],
      destinations: [
        { id: 'hls', settings: [{ url: `s3ssl://vp-media/live/${streamId}/master` }] },
        // The recording: outside live/, which CloudFront serves.
        { id: 'archive', settings: [{ url: `s3ssl://vp-media/recordings/${streamId}/part` }] },
      ],
    });
    const archive = body.encoderSettings.outputGroups[1];
    expect(archive.outputGroupSettings.archiveGroupSettings).toMatchObject({
      destination: { destinationRefId: 'archive' },
      rolloverInterval: 300,
    });
    expect(archive.outputs).toEqual([
      expect.objectContaining({
        videoDescriptionName: 'video_1080p',
        outputSettings: {
          archiveOutputSettings: { extension: 'ts', containerSettings: { m2tsSettings: {} } },
        },
      }),
    ]);
    const group = body.encoderSettings.outputGroups[0];
    expect(group.outputGroupSettings.hlsGroupSettings).toMatchObject({
      destination: { destinationRefId: 'hls' },
      segmentLength: 2,
      indexNSegments: 6,
      mode: 'LIVE',
    });
    expect(
      group.outputs.map((output: any) => output.outputSettings.hlsOutputSettings.nameModifier),
    ).toEqual(['_1080p', '_360p']);
    const videos = body.encoderSettings.videoDescriptions;
    expect(
      videos.map((video: any) => [
        video.height,
        video.codecSettings.h264Settings.bitrate,
        video.codecSettings.h264Settings.gopSize,
        video.codecSettings.h264Settings.gopSizeUnits,
      ]),
    ).toEqual([
      [1080, 6_000_000, 2, 'SECONDS'],
      [360, 800_000, 2, 'SECONDS'],
    ]);

    await channels.start('9000');
    await channels.stop('9000');
    await channels.remove({ inputId: '4242', channelId: '9000' });
    expect(seen.slice(2).map(request => `${request.method} ${request.path}`)).toEqual([
      'POST /prod/channels/9000/start',
      'POST /prod/channels/9000/stop',
      'DELETE /prod/channels/9000',
      'DELETE /prod/inputs/4242',
    ]);
  });
});
