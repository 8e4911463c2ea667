import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  buildCreateJobRequest,
  createMediaConvertClient,
  submitMediaConvertJob,
  type MediaConvertJobSpec,
} from './mediaconvert';

const spec: MediaConvertJobSpec = {
  inputUri: 's3://media-bucket/uploads/0b9f/source',
  destinationUri: 's3://media-bucket/videos/0b9f/',
  roleArn: 'arn:aws:iam::123456789012:role/MediaConvertRole',
  probe: { width: 1280, height: 720, frameRate: 30, durationSeconds: 95, audioCodec: 'aac' },
  userMetadata: { videoId: '0b9f' },
};

describe('MediaConvert adapter', () => {
  let server: Server;
  let endpoint = '';
  const received: { method?: string; url?: string; authorization?: string; body: any }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        received.push({
          method: request.method,
          url: request.url,
          authorization: request.headers.authorization,
          body: JSON.parse(body || '{}'),
        });
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            job: { id: '1700000000000-abc123', status: 'SUBMITTED', role: spec.roleArn },
          }),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('submits a signed CreateJob with the HLS ladder, 4 s segments, the destination and the role', async () => {
    const client = createMediaConvertClient({
      region: 'eu-west-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    });
    await expect(submitMediaConvertJob(client, spec)).resolves.toEqual({
      jobId: '1700000000000-abc123',
    });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/2017-08-29/jobs');
    expect(request.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/mediaconvert\/aws4_request/,
    );
    const { body } = request;
    expect(body.role).toBe(spec.roleArn);
    expect(body.userMetadata).toEqual({ videoId: '0b9f' });
    expect(body.settings.inputs).toEqual([
      expect.objectContaining({
        fileInput: spec.inputUri,
        audioSelectors: { 'Audio Selector 1': { defaultSelection: 'DEFAULT' } },
      }),
    ]);

    const [hls, poster] = body.settings.outputGroups;
    expect(hls.outputGroupSettings.type).toBe('HLS_GROUP_SETTINGS');
    expect(hls.outputGroupSettings.hlsGroupSettings).toMatchObject({
      destination: 's3://media-bucket/videos/0b9f/master',
      segmentLength: 4,
      segmentControl: 'SEGMENTED_FILES',
    });
    // Only the rungs at or below 720p, lowest first; QVBR with each rung's cap; 2 s GOPs; AAC.
    const rungs = hls.outputs.map((output: any) => {
      const h264 = output.videoDescription.codecSettings.h264Settings;
      expect(output.videoDescription.codecSettings.codec).toBe('H_264');
      expect(h264).toMatchObject({
        rateControlMode: 'QVBR',
        gopSize: 2,
        gopSizeUnits: 'SECONDS',
        sceneChangeDetect: 'DISABLED',
        codecProfile: 'HIGH',
      });
      expect(output.audioDescriptions[0].codecSettings).toMatchObject({
        codec: 'AAC',
        aacSettings: { sampleRate: 48000 },
      });
      return `${output.nameModifier} ${output.videoDescription.width}x${output.videoDescription.height} ${h264.maxBitrate}`;
    });
    expect(rungs).toEqual([
      '_360p 640x360 800000',
      '_480p 854x480 1500000',
      '_720p 1280x720 3000000',
    ]);

    expect(poster.outputGroupSettings).toEqual({
      type: 'FILE_GROUP_SETTINGS',
      fileGroupSettings: { destination: 's3://media-bucket/videos/0b9f/poster' },
    });
    expect(poster.outputs[0].videoDescription.codecSettings).toEqual({
      codec: 'FRAME_CAPTURE',
      frameCaptureSettings: {
        framerateNumerator: 1,
        framerateDenominator: 10,
        maxCaptures: 2,
        quality: 80,
      },
    });
  });

  it('leaves audio out for a silent source and refuses a destination that is not a prefix', () => {
    const silent = buildCreateJobRequest({ ...spec, probe: { ...spec.probe, audioCodec: null } });
    expect(silent.Settings?.Inputs?.[0].AudioSelectors).toBeUndefined();
    expect(
      silent.Settings?.OutputGroups?.[0].Outputs?.every(output => !output.AudioDescriptions),
    ).toBe(true);
    expect(() =>
      buildCreateJobRequest({ ...spec, destinationUri: 's3://media-bucket/videos/0b9f' }),
    ).toThrow(/prefix/);
  });
});
