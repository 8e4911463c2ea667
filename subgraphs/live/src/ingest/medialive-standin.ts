import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ObjectStorage } from '@vp/media';
import { serveAwsStandIn } from '@vp/media/src/testing/aws-standin';

/**
 * Test-only stand-in for AWS Elemental MediaLive's REST API (the SDK's `endpoint` points here). It
 * checks request shapes as MediaLive would (a 400 BadRequestException with the reason otherwise),
 * keeps each channel's state machine (CREATING → IDLE → STARTING → RUNNING → STOPPING → IDLE →
 * DELETED), and when a channel of the `starts` scenario runs it writes what MediaLive would to the
 * bucket (s3rver): a live master playlist, a rung playlist and segment under `live/<id>/`, and two
 * MPEG-TS archive files under `recordings/<id>/` (a publisher pushing, then reconnecting).
 *
 * Scenarios, taken in order for each channel created: `starts`, `never` (STARTING forever),
 * `refuse` (CreateInput is refused).
 */

const run = promisify(execFile);

export type ChannelScenario = 'starts' | 'never' | 'refuse';

interface Channel {
  id: string;
  name: string;
  state: string;
  scenario: ChannelScenario;
  body: any;
  inputId: string;
  wrote?: Promise<void>;
}

export interface MediaLiveStandIn {
  endpoint: string;
  channels: Channel[];
  inputs: Map<string, { body: any; deleted: boolean }>;
  scenarios: ChannelScenario[];
  refused: string[];
  calls: string[];
  stop(): Promise<void>;
}

function channelProblem(body: any, bucket: string): string | null {
  if (
    body?.channelClass !== 'SINGLE_PIPELINE' ||
    !String(body.roleArn).startsWith('arn:aws:iam::')
  ) {
    return 'a single-pipeline channel with an IAM role is expected';
  }
  const streamId = /^live-([0-9a-f-]{36})$/.exec(body.name ?? '')?.[1];
  if (!streamId) {
    return 'name must be live-<streamId>';
  }
  const urls = Object.fromEntries(
    (body.destinations ?? []).map((destination: any) => [
      destination.id,
      destination.settings?.[0]?.url,
    ]),
  );
  if (urls.hls !== `s3ssl://${bucket}/live/${streamId}/master`) {
    return `hls destination must be s3ssl://${bucket}/live/${streamId}/master`;
  }
  if (urls.archive !== `s3ssl://${bucket}/recordings/${streamId}/part`) {
    return `archive destination must be s3ssl://${bucket}/recordings/${streamId}/part`;
  }
  const groups = body.encoderSettings?.outputGroups ?? [];
  if (groups.map((group: any) => group.name).join() !== 'hls,archive') {
    return 'output groups hls and archive are expected';
  }
  const hls = groups[0].outputGroupSettings?.hlsGroupSettings;
  if (hls?.segmentLength !== 2 || hls.mode !== 'LIVE') {
    return 'a LIVE HLS group of 2 s segments is expected';
  }
  const descriptions = new Set(
    body.encoderSettings.videoDescriptions.map((description: any) => description.name),
  );
  for (const group of groups) {
    for (const output of group.outputs) {
      if (!descriptions.has(output.videoDescriptionName)) {
        return `output ${output.outputName} names an unknown video description`;
      }
    }
  }
  if (body.inputAttachments?.length !== 1) {
    return 'one input attachment is expected';
  }
  return null;
}

/** What a running channel with a publisher writes: live HLS and the archive. */
async function writeOutputs(storage: ObjectStorage, ffmpeg: string, streamId: string) {
  const dir = await mkdtemp(join(tmpdir(), 'vp-medialive-'));
  try {
    const put = (key: string, file: string, contentType: string) =>
      storage.putFile(key, file, { contentType, cacheControl: 'no-store' });
    for (const part of [1, 2]) {
      const file = join(dir, `part.${String(part).padStart(6, '0')}.ts`);
      await run(ffmpeg, [
        ...['-nostdin', '-v', 'error', '-y'],
        ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=2`],
        ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2'],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
        ...['-f', 'mpegts', file],
      ]);
      await put(
        `recordings/${streamId}/part.${String(part).padStart(6, '0')}.ts`,
        file,
        'video/mp2t',
      );
      if (part === 1) {
        await put(`live/${streamId}/master_1080p_00001.ts`, file, 'video/mp2t');
      }
    }
    const rung = join(dir, 'master_1080p.m3u8');
    await writeFile(
      rung,
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:2.000,\nmaster_1080p_00001.ts\n',
    );
    await put(`live/${streamId}/master_1080p.m3u8`, rung, 'application/vnd.apple.mpegurl');
    const master = join(dir, 'master.m3u8');
    await writeFile(
      master,
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=6500000,RESOLUTION=1920x1080,CODECS="avc1.4d4028,mp4a.40.2"\nmaster_1080p.m3u8\n',
    );
    await put(`live/${streamId}/master.m3u8`, master, 'application/vnd.apple.mpegurl');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startMediaLiveStandIn(options: {
  storage: ObjectStorage;
  bucket: string;
  ffmpeg: string;
}): Promise<MediaLiveStandIn> {
  const channels: Channel[] = [];
  const inputs = new Map<string, { body: any; deleted: boolean }>();
  const scenarios: ChannelScenario[] = [];
  const refused: string[] = [];
  const calls: string[] = [];
  let nextId = 4000;
  let pendingScenario: ChannelScenario | null = null;

  const server = await serveAwsStandIn('medialive', async (request, reply) => {
    const refuse = (problem: string) => {
      refused.push(problem);
      reply(400, { message: problem }, 'BadRequestException');
    };
    const { body, url: path } = request;
    calls.push(`${request.method} ${path}`);
    if (request.method === 'POST' && path === '/prod/inputs') {
      pendingScenario = scenarios.shift() ?? 'starts';
      if (pendingScenario === 'refuse') {
        reply(
          422,
          { message: 'Input security group limit exceeded' },
          'UnprocessableEntityException',
        );
        return;
      }
      const streamName: string = body?.destinations?.[0]?.streamName ?? '';
      if (
        body?.type !== 'RTMP_PUSH' ||
        !/^live\/\S+$/.test(streamName) ||
        !body.inputSecurityGroups?.length
      ) {
        refuse(
          'an RTMP_PUSH input with one destination live/<key> and a security group is expected',
        );
        return;
      }
      const id = String(nextId++);
      inputs.set(id, { body, deleted: false });
      reply(201, {
        input: {
          id,
          type: 'RTMP_PUSH',
          state: 'DETACHED',
          destinations: [{ url: `rtmp://203.0.113.7:1935/${streamName}` }],
        },
      });
      return;
    }
    if (request.method === 'POST' && path === '/prod/channels') {
      const problem = channelProblem(body, options.bucket);
      const inputId = body?.inputAttachments?.[0]?.inputId;
      if (problem || !inputs.has(inputId)) {
        refuse(problem ?? `input ${inputId} does not exist`);
        return;
      }
      const channel: Channel = {
        id: String(nextId++),
        name: body.name,
        state: 'CREATING',
        scenario: pendingScenario ?? 'starts',
        body,
        inputId,
      };
      channels.push(channel);
      reply(201, { channel: { id: channel.id, name: channel.name, state: channel.state } });
      return;
    }
    const match = /^\/prod\/(channels|inputs)\/(\d+)(\/(start|stop))?$/.exec(path);
    const channel = channels.find(candidate => candidate.id === match?.[2]);
    if (match?.[1] === 'inputs' && request.method === 'PUT') {
      const input = inputs.get(match[2]);
      const attached = channels.find(candidate => candidate.inputId === match[2]);
      if (!input || input.deleted) {
        reply(404, { message: 'no such input' }, 'NotFoundException');
        return;
      }
      if (attached && attached.state !== 'IDLE' && attached.state !== 'DELETED') {
        reply(409, { message: `the attached channel is ${attached.state}` }, 'ConflictException');
        return;
      }
      const streamName: string = body?.destinations?.[0]?.streamName ?? '';
      if (!/^live\/\S+$/.test(streamName)) {
        refuse('destinations must be [{ streamName: live/<key> }]');
        return;
      }
      input.body = { ...input.body, destinations: body.destinations };
      reply(200, {
        input: { id: match[2], destinations: [{ url: `rtmp://203.0.113.7:1935/${streamName}` }] },
      });
      return;
    }
    if (match?.[1] === 'inputs' && request.method === 'DELETE') {
      const input = inputs.get(match[2]);
      if (!input || input.deleted) {
        reply(404, { message: 'no such input' }, 'NotFoundException');
        return;
      }
      if (
        channels.some(candidate => candidate.inputId === match[2] && candidate.state !== 'DELETED')
      ) {
        refuse('the input is attached to a channel that is not deleted');
        return;
      }
      input.deleted = true;
      reply(200, {});
      return;
    }
    if (!match || !channel) {
      reply(404, { message: `unexpected ${request.method} ${path}` }, 'NotFoundException');
      return;
    }
    const streamId = channel.name.slice('live-'.length);
    if (request.method === 'GET') {
      // Each look moves a transitional state on, as time would.
      const before = channel.state;
      if (before === 'CREATING' || before === 'STOPPING') {
        channel.state = 'IDLE';
      } else if (before === 'STARTING' && channel.scenario === 'starts') {
        channel.state = 'RUNNING';
        channel.wrote = writeOutputs(options.storage, options.ffmpeg, streamId);
      }
      reply(200, { id: channel.id, name: channel.name, state: before });
      return;
    }
    if (match[4] === 'start') {
      if (channel.state !== 'IDLE') {
        refuse(`cannot start a channel in state ${channel.state}`);
        return;
      }
      channel.state = 'STARTING';
      reply(200, { id: channel.id, state: 'STARTING' });
      return;
    }
    if (match[4] === 'stop') {
      if (!['RUNNING', 'STARTING', 'RECOVERING'].includes(channel.state)) {
        refuse(`cannot stop a channel in state ${channel.state}`);
        return;
      }
      await channel.wrote;
      channel.state = 'STOPPING';
      reply(200, { id: channel.id, state: 'STOPPING' });
      return;
    }
    if (request.method === 'DELETE') {
      if (channel.state !== 'IDLE') {
        refuse(`cannot delete a channel in state ${channel.state}`);
        return;
      }
      channel.state = 'DELETED';
      reply(200, { id: channel.id, state: 'DELETING' });
      return;
    }
    reply(404, { message: `unexpected ${request.method} ${path}` }, 'NotFoundException');
  });
  return {
    endpoint: server.endpoint,
    channels,
    inputs,
    scenarios,
    refused,
    calls,
    async stop() {
      await Promise.all(channels.map(channel => channel.wrote));
      await server.close();
    },
  };
}
