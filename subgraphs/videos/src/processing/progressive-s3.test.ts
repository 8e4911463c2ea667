import { generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, eventually, tokenFor } from '@vp/kit/testing';
import { CloudFrontPlaybackSigner, type S3Storage } from '@vp/media';
import { startS3rver, type TestS3 } from '@vp/media/src/testing/s3rver';
import {
  COMPLETE_UPLOAD,
  makeClip,
  type Pipeline,
  startPipeline,
  uploadFile,
} from '../test-pipeline';
import { isCompletePlaylist, MASTER_PLAYLIST, parseMediaPlaylist } from '../transcoding/transcode';
import { Video, VideoStatus } from '../videos/video.entity';
import { parseMasterPlaylist } from './mediaconvert.job';

jest.setTimeout(120_000);

const STATE = `query ($id: ID!) { video(id: $id) {
  status renditions { height } playback { hlsUrl complete } } }`;

const CDN_DOMAIN = 'media.cdn.test';
const KEY_PAIR_ID = 'K2TESTKEYPAIR';
const GROWING = 'public, max-age=1';
const COMPLETE = 'public, max-age=86400';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** CloudFront's URL-safe base64: `+`→`-`, `=`→`_`, `/`→`~`. */
const fromCloudFrontBase64 = (text: string) =>
  Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

const rungsOf = (master: string) => parseMasterPlaylist(master).map(variant => variant.uri);
const urisOf = (playlist: string) => parseMediaPlaylist(playlist).map(segment => segment.uri);

interface StoredUpload {
  /** The file's name under `videos/<id>/`. */
  file: string;
  cacheControl: string;
  /** A playlist's text as it was stored. */
  text?: string;
}

/**
 * The bucket as the worker sees it, keeping a log of every object it stores (its Cache-Control, a
 * playlist's text). Once the first master is stored (the video just became playable), further
 * stores wait for `release()`: the test looks at S3 while the lowest rung is surely still growing,
 * whatever the machine's speed.
 */
function heldAfterFirstMaster(storage: S3Storage, videoPrefix: () => string) {
  const uploads: StoredUpload[] = [];
  let held: Promise<void> | null = null;
  let release = () => {};
  const putFile: S3Storage['putFile'] = async (key, fromPath, options) => {
    await held;
    const text = key.endsWith('.m3u8') ? await readFile(fromPath, 'utf8') : undefined;
    await storage.putFile(key, fromPath, options);
    if (key.startsWith(videoPrefix())) {
      uploads.push({
        file: key.slice(videoPrefix().length),
        cacheControl: options.cacheControl,
        text,
      });
    }
    if (key.endsWith(`/${MASTER_PLAYLIST}`) && !held) {
      held = new Promise(resolve => (release = resolve));
    }
  };
  return {
    storage: new Proxy(storage, {
      get: (target, property, receiver) =>
        property === 'putFile' ? putFile : Reflect.get(target, property, receiver),
    }),
    uploads,
    release: () => release(),
  };
}

/**
 * What CloudFront does in front of the bucket: a request carrying the policy of the master URL's
 * query (the player appends it to every request) is admitted only when the signature verifies
 * with the key group's public key, the policy's resource covers the URL and it has not expired;
 * the answer is the S3 object as stored, with the Cache-Control the distribution caches it by.
 */
async function viaCloudFront(s3: TestS3, hlsUrl: string, file: string) {
  const signed = new URL(hlsUrl);
  const url = new URL(file, signed);
  expect(url.origin).toBe(`https://${CDN_DOMAIN}`);
  expect(signed.searchParams.get('Key-Pair-Id')).toBe(KEY_PAIR_ID);
  const policy = fromCloudFrontBase64(signed.searchParams.get('Policy')!);
  const signature = fromCloudFrontBase64(signed.searchParams.get('Signature')!);
  expect(verify('RSA-SHA1', policy, publicKey, signature)).toBe(true);
  const [statement] = JSON.parse(policy.toString()).Statement;
  expect(statement.Resource.endsWith('*')).toBe(true);
  expect(url.href.startsWith(statement.Resource.slice(0, -1))).toBe(true);
  expect(statement.Condition.DateLessThan['AWS:EpochTime'] * 1000).toBeGreaterThan(Date.now());
  // The origin: s3rver path-style, read anonymously (CloudFront's origin access is not modelled).
  const response = await fetch(`${s3.endpoint}/${s3.bucket}${url.pathname}`);
  expect(response.status).toBe(200);
  return {
    body: Buffer.from(await response.arrayBuffer()),
    cacheControl: response.headers.get('cache-control'),
    contentType: response.headers.get('content-type'),
  };
}

const textVia = async (s3: TestS3, hlsUrl: string, file: string) => {
  const { body, cacheControl } = await viaCloudFront(s3, hlsUrl, file);
  return { text: body.toString('utf8'), cacheControl };
};

// Storage on s3rver, playback signed for CloudFront: what progressive publishing stores in the
// bucket while the ladder is made, and with which Cache-Control.
describeIfFfmpeg('progressive publishing on S3 + CloudFront', () => {
  let s3: TestS3;
  let held: ReturnType<typeof heldAfterFirstMaster>;
  let pipeline: Pipeline;
  let token: string;
  let videoId = '';

  beforeAll(async () => {
    s3 = await startS3rver();
    held = heldAfterFirstMaster(s3.storage(), () => `videos/${videoId}/`);
    pipeline = await startPipeline({
      storage: held.storage,
      signer: new CloudFrontPlaybackSigner({
        domain: CDN_DOMAIN,
        keyPairId: KEY_PAIR_ID,
        privateKey,
      }),
    });
    token = await tokenFor(randomUUID(), [Role.CREATOR]);
  });
  afterAll(async () => {
    held?.release();
    await pipeline?.stop();
    await s3?.stop();
  });

  it('uploads the growing playlist and the master as they change, cached a second, and a day once complete', async () => {
    const path = join(pipeline.dir, 'clip.mp4');
    await makeClip(path, { width: 854, height: 480, seconds: 16 });
    const uploaded = await uploadFile(pipeline, token, await readFile(path));
    expect(uploaded.putStatus).toBe(200);
    videoId = uploaded.videoId;
    expect((await pipeline.query(COMPLETE_UPLOAD, { id: videoId }, token)).errors).toBeUndefined();

    // Playable while processing: the owner's URL is CloudFront's, for objects already in S3.
    const playable = await eventually(
      async () => (await pipeline.query(STATE, { id: videoId }, token)).data.video,
      {
        until: video => video.playback !== null,
        what: 'playback while processing',
        timeoutMs: 60_000,
      },
    );
    expect(playable.status).toBe('PROCESSING');
    expect(playable.playback.complete).toBe(false);
    expect(playable.renditions).toEqual([{ height: 360 }]);
    const early: string = playable.playback.hlsUrl;
    expect(early.startsWith(`https://${CDN_DOMAIN}/videos/${videoId}/master.m3u8?`)).toBe(true);

    const master = await textVia(s3, early, 'master.m3u8');
    expect(rungsOf(master.text)).toEqual(['360p/index.m3u8']);
    expect(master.cacheControl).toBe(GROWING);
    const growing = await textVia(s3, early, '360p/index.m3u8');
    expect(growing.text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(isCompletePlaylist(growing.text)).toBe(false);
    expect(growing.cacheControl).toBe(GROWING);
    const firstSegments = urisOf(growing.text);
    expect(firstSegments.length).toBeGreaterThanOrEqual(1);
    const segment = await viaCloudFront(s3, early, `360p/${firstSegments[0]}`);
    expect(segment.cacheControl).toBe(IMMUTABLE);
    expect(segment.contentType).toBe('video/mp2t');
    expect(segment.body[0]).toBe(0x47); // an MPEG-TS sync byte
    expect((await pipeline.em().findOneOrFail(Video, videoId)).status).toBe(VideoStatus.PROCESSING);

    held.release();
    await eventually(async () => (await pipeline.em().findOne(Video, videoId))?.status, {
      until: status => status !== VideoStatus.PROCESSING,
      what: 'READY',
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    const ready = (await pipeline.query(STATE, { id: videoId }, token)).data.video;
    expect(ready.status).toBe('READY');
    expect(ready.playback.complete).toBe(true);
    expect(ready.renditions).toEqual([{ height: 480 }, { height: 360 }]);
    const late: string = ready.playback.hlsUrl;

    const finalMaster = await textVia(s3, late, 'master.m3u8');
    expect(rungsOf(finalMaster.text).sort()).toEqual(['360p/index.m3u8', '480p/index.m3u8']);
    expect(finalMaster.cacheControl).toBe(COMPLETE);
    const ended = await textVia(s3, late, '360p/index.m3u8');
    expect(isCompletePlaylist(ended.text)).toBe(true);
    expect(ended.cacheControl).toBe(COMPLETE);
    const higher = await textVia(s3, late, '480p/index.m3u8');
    expect(isCompletePlaylist(higher.text)).toBe(true);
    expect(higher.cacheControl).toBe(COMPLETE);
    // Appended only, each segment listed once, each one in the bucket, the whole clip covered.
    const uris = urisOf(ended.text);
    expect(uris.slice(0, firstSegments.length)).toEqual(firstSegments);
    expect(new Set(uris).size).toBe(uris.length);
    const stored = await held.storage.list(`videos/${videoId}/360p/`);
    expect(stored.filter(key => key.endsWith('.ts')).sort()).toEqual(
      uris.map(uri => `videos/${videoId}/360p/${uri}`).sort(),
    );
    const total = parseMediaPlaylist(ended.text).reduce((sum, entry) => sum + entry.duration, 0);
    expect(Math.abs(total - 16)).toBeLessThan(0.5);

    // Every store, in order: a name is stored only after its file; segments once and immutable;
    // a rung's playlist a second while growing and a day with ENDLIST; the master a second until
    // its last store (READY), which is the last of all.
    const { uploads } = held;
    const seen = new Set<string>();
    const segmentUploads = uploads.filter(upload => upload.file.endsWith('.ts'));
    expect(new Set(segmentUploads.map(upload => upload.file)).size).toBe(segmentUploads.length);
    expect(segmentUploads.every(upload => upload.cacheControl === IMMUTABLE)).toBe(true);
    const masters: string[][] = [];
    for (const upload of uploads) {
      if (upload.file === MASTER_PLAYLIST) {
        const rungs = rungsOf(upload.text!);
        rungs.forEach(rung => expect(seen).toContain(rung));
        masters.push(rungs);
      } else if (upload.file.endsWith('.m3u8')) {
        const folder = upload.file.slice(0, upload.file.indexOf('/') + 1);
        urisOf(upload.text!).forEach(uri => expect(seen).toContain(`${folder}${uri}`));
        expect(upload.cacheControl).toBe(isCompletePlaylist(upload.text!) ? COMPLETE : GROWING);
        if (folder === '360p/' && !isCompletePlaylist(upload.text!)) {
          expect(upload.text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
        }
      }
      seen.add(upload.file);
    }
    const masterUploads = uploads.filter(upload => upload.file === MASTER_PLAYLIST);
    expect(masterUploads.slice(0, -1).map(upload => upload.cacheControl)).toEqual(
      masterUploads.slice(0, -1).map(() => GROWING),
    );
    expect(uploads[uploads.length - 1]).toMatchObject({
      file: MASTER_PLAYLIST,
      cacheControl: COMPLETE,
    });
    // The master only gains rungs: the growing lowest one first, the higher one when it is done.
    expect(masters[0]).toEqual(['360p/index.m3u8']);
    masters
      .slice(1)
      .forEach((rungs, index) => expect(rungs).toEqual(expect.arrayContaining(masters[index])));
  });
});
