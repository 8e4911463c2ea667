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
import { Role } from '@vp/kit';
import { startTestPlatform, uploadAndPublish, type TestPlatform } from './test-platform';
import { makeClip } from '@vp/videos/src/test-pipeline';

export const TITLE = '東京タワーの夜景さんぽ';
export const SHORT_TITLE = 'A very short walk';
export const PASSWORD = 'correct horse battery staple';
export const CATALOG_TITLE = '夜明けの駅';

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
  /** A published film whose only licence (the platform's default territory) starts in 10 days. */
  titleId: string;
  titleName: string;
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
    const titleId = await seedUpcomingTitle(platform, readFileSync(join(scratch, 'short.mp4')));
    const seeded: SeededPlatform = {
      url: platform.url,
      origin: platform.origin,
      videoId,
      title: TITLE,
      shortId,
      shortTitle: SHORT_TITLE,
      streamId: stream.data.createLiveStream.id,
      titleId,
      titleName: CATALOG_TITLE,
      creator: { id: creator.id, handle: creator.handle, token: creator.token },
      viewer: { id: viewer.id, handle: viewer.handle, email: viewer.email, password: PASSWORD },
    };
    process.stdout.write(`${JSON.stringify(seeded)}\n`);
  } catch (error) {
    console.error(error);
    await stop(1);
  }
}

/**
 * A catalog manager's film with one episode, published, licensed in the platform's own territory
 * from 10 days on: listed (it will play), with its availability to explain ("from <date>").
 */
async function seedUpcomingTitle(platform: TestPlatform, clip: Buffer) {
  const person = await platform.signUp({ name: 'Catalog' });
  const manager = await platform.grantRole(person, Role.CATALOG_MANAGER);
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await platform.query(query, variables, manager);
    if (!response.data) {
      throw new Error(JSON.stringify(response.errors));
    }
    return response.data;
  };
  const episodeVideoId = await uploadAndPublish(platform, { ...person, token: manager }, clip, {
    title: 'Episode 1',
  });
  const { viewerTerritory } = await ask('{ viewerTerritory }');
  const { createTitle } = await ask(
    `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { id } }`,
    {
      input: {
        kind: 'FILM',
        name: CATALOG_TITLE,
        synopsis: 'A night train reaches the sea at dawn.',
        releaseYear: 2026,
        maturityRating: 'G',
        requiredPlan: 'PREMIUM',
      },
    },
  );
  const { addSeason } = await ask(
    `mutation ($input: AddSeasonInput!) { addSeason(input: $input) { id } }`,
    { input: { titleId: createTitle.id, number: 1, name: 'Film' } },
  );
  await ask(`mutation ($input: AddEpisodeInput!) { addEpisode(input: $input) { id } }`, {
    input: { seasonId: addSeason.id, number: 1, name: 'The film', videoId: episodeVideoId },
  });
  const day = 86_400_000;
  await ask(`mutation ($input: AddLicenceInput!) { addLicence(input: $input) { id } }`, {
    input: {
      titleId: createTitle.id,
      territories: [viewerTerritory],
      startsAt: new Date(Date.now() + 10 * day).toISOString(),
      endsAt: new Date(Date.now() + 60 * day).toISOString(),
    },
  });
  await ask(`mutation ($id: ID!) { publishTitle(id: $id) { id } }`, { id: createTitle.id });
  return createTitle.id as string;
}

void main();
