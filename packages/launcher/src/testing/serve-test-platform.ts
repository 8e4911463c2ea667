// The embedded test platform in a process of its own, for tests that cannot load it themselves:
// the mobile app's screens run under jest-expo (Babel, React Native's environment), the platform
// under Node with swc like `npm start` (`node -r @swc-node/register`, from the repository root so
// the root tsconfig's decorator settings apply). It starts every subgraph behind a gateway that
// admits the embedded default's browser origins, publishes a video and a short, opens a live
// stream and signs up a viewer, prints one JSON line of what it made (SeededPlatform) and serves
// until SIGTERM, SIGINT or the end of its standard input (its parent gone).
// Used by clients/mobile/test/global-setup.mjs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_ALLOWED_ORIGINS } from '@vp/gateway/src/origins';
import { startTestPlatform, uploadAndPublish } from './test-platform';
import { makeClip } from '@vp/videos/src/test-pipeline';

export const TITLE = '東京タワーの夜景さんぽ';
export const SHORT_TITLE = 'A very short walk';
export const PASSWORD = 'correct horse battery staple';

/** What the process prints once it serves. */
export interface SeededPlatform {
  /** The gateway's /graphql. */
  url: string;
  origin: string;
  videoId: string;
  title: string;
  shortId: string;
  shortTitle: string;
  streamId: string;
  creator: { id: string; handle: string; token: string };
  viewer: { id: string; handle: string; email: string; password: string };
}

async function main() {
  const platform = await startTestPlatform({ allowedOrigins: EMBEDDED_ALLOWED_ORIGINS });
  const scratch = mkdtempSync(join(tmpdir(), 'vp-mobile-test-'));
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) {
      return;
    }
    stopping = true;
    await platform.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // the parent (jest) went away without saying: do not outlive it
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  try {
    await makeClip(join(scratch, 'clip.mp4'), { width: 854, height: 480, seconds: 6 });
    await makeClip(join(scratch, 'short.mp4'), { width: 270, height: 480, seconds: 3 });
    const creator = await platform.signUp({ name: 'Creator' });
    const videoId = await uploadAndPublish(
      platform,
      creator,
      readFileSync(join(scratch, 'clip.mp4')),
      { title: TITLE, description: '夜の東京を歩きます。', tags: ['東京', 'night walk'] },
    );
    const shortId = await uploadAndPublish(
      platform,
      creator,
      readFileSync(join(scratch, 'short.mp4')),
      { title: SHORT_TITLE },
    );
    const stream = await platform.query(
      `mutation { createLiveStream(input: { title: "Evening chat" }) { id } }`,
      {},
      creator.token,
    );
    const viewer = await platform.signUp({ name: 'Viewer' });
    const seeded: SeededPlatform = {
      url: platform.url,
      origin: platform.origin,
      videoId,
      title: TITLE,
      shortId,
      shortTitle: SHORT_TITLE,
      streamId: stream.data.createLiveStream.id,
      creator: { id: creator.id, handle: creator.handle, token: creator.token },
      viewer: { id: viewer.id, handle: viewer.handle, email: viewer.email, password: PASSWORD },
    };
    process.stdout.write(`${JSON.stringify(seeded)}\n`);
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

void main();
