import { eventually } from '@vp/kit/testing';
import type { Person, TestPlatform } from './test-platform';

const local = (url: string) => url.replace('//localhost:', '//127.0.0.1:');

export interface ClipOptions {
  title: string;
  description?: string;
  tags?: string[];
  requiredPlan?: 'FREE' | 'PREMIUM' | 'PREMIUM_PLUS';
  kind?: 'VIDEO' | 'SHORT';
}

/**
 * A published video of `creator`, made from `clip` (a real MP4) through the gateway as a creator's
 * studio does it: createUpload → PUT → completeUpload → READY → PUBLIC → publishVideo.
 */
export async function publishClip(platform: TestPlatform, creator: Person, clip: Buffer, options: ClipOptions) {
  const created = await platform.query(
    `mutation ($input: CreateUploadInput!) {
       createUpload(input: $input) { video { id } upload { url method headers { name value } } }
     }`,
    { input: { filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: clip.length, title: options.title } },
    creator.token,
  );
  if (!created.data) {
    throw new Error(JSON.stringify(created.errors));
  }
  const { video, upload } = created.data.createUpload;
  const put = await fetch(local(upload.url), {
    method: upload.method,
    headers: Object.fromEntries(upload.headers.map((h: { name: string; value: string }) => [h.name, h.value])),
    body: new Uint8Array(clip),
  });
  if (put.status >= 300) {
    throw new Error(`upload refused: ${put.status}`);
  }
  await platform.query(`mutation ($id: ID!) { completeUpload(videoId: $id) { id } }`, { id: video.id }, creator.token);
  const status = await eventually(
    async () => (await platform.query(`query ($id: ID!) { video(id: $id) { status } }`, { id: video.id }, creator.token)).data?.video?.status,
    { until: value => value === 'READY' || value === 'FAILED', timeoutMs: 120_000, what: `"${options.title}" to be processed` },
  );
  if (status !== 'READY') {
    throw new Error(`"${options.title}" failed to process`);
  }
  const updated = await platform.query(
    `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id } }`,
    {
      id: video.id,
      input: {
        visibility: 'PUBLIC',
        description: options.description ?? '',
        tags: options.tags ?? [],
        requiredPlan: options.requiredPlan ?? 'FREE',
      },
    },
    creator.token,
  );
  if (updated.errors) {
    throw new Error(JSON.stringify(updated.errors));
  }
  const published = await platform.query(`mutation ($id: ID!) { publishVideo(id: $id) { id } }`, { id: video.id }, creator.token);
  if (published.errors) {
    throw new Error(JSON.stringify(published.errors));
  }
  return video.id as string;
}
