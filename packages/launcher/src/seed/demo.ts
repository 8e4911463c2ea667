import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, Role } from '@vp/kit';
import { GraphError, PlatformClient } from './client';

const run = promisify(execFile);
const DAY = 86_400_000;

/** Every demo account signs in with this password (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'demo catalog password 2026';

interface DemoAccount {
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  videos: { title: string; description: string; tags: string[] }[];
}

/** The content team, and creators with a couple of public videos each. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'catalog@example.com',
    handle: 'catalog_team',
    displayName: 'Catalog team',
    role: Role.CATALOG_MANAGER,
    videos: [],
  },
  {
    email: 'hana@example.com',
    handle: 'hana_cooks',
    displayName: 'Hana',
    role: Role.CREATOR,
    videos: [
      {
        title: '朝ごはん Breakfast in five minutes',
        description: 'Rice, miso and an egg.',
        tags: ['cooking', 'tokyo'],
      },
      {
        title: 'Knife skills for beginners',
        description: 'Julienne, brunoise and safety.',
        tags: ['cooking'],
      },
    ],
  },
  {
    email: 'kenji@example.com',
    handle: 'kenji_trails',
    displayName: 'Kenji',
    role: Role.CREATOR,
    videos: [
      {
        title: '高尾山 Mount Takao at dawn',
        description: 'The first train and the summit.',
        tags: ['hiking', 'travel'],
      },
      {
        title: 'Packing a day hike bag',
        description: 'What to bring, what to leave.',
        tags: ['hiking'],
      },
    ],
  },
  {
    email: 'mika@example.com',
    handle: 'mika_draws',
    displayName: 'Mika',
    role: Role.CREATOR,
    videos: [
      {
        title: 'Drawing a cat in 60 strokes',
        description: 'Ink, brush and patience.',
        tags: ['art'],
      },
    ],
  },
];

interface DemoTitle {
  name: string;
  kind: 'SERIES' | 'FILM';
  synopsis: string;
  genres: string[];
  releaseYear: number;
  maturityRating: 'G' | 'PG12' | 'R15' | 'R18';
  requiredPlan: 'FREE' | 'PREMIUM' | 'PREMIUM_PLUS';
  seasons: { number: number; name: string; episodes: string[] }[];
  /** Days from the seed's day (UTC midnight) the licence starts; 1 is tomorrow. */
  startsInDays: number;
  forDays: number;
}

const TERRITORIES = ['JP', 'KR'];

/** Two series of two seasons, and a film arriving tomorrow; licensed in JP and KR. */
export const DEMO_TITLES: DemoTitle[] = [
  {
    name: '深夜の台所 Midnight Kitchen',
    kind: 'SERIES',
    synopsis:
      'A tiny kitchen that opens at midnight, and the regulars who come for more than food.',
    genres: ['drama', 'food'],
    releaseYear: 2025,
    maturityRating: 'G',
    requiredPlan: 'FREE',
    seasons: [
      { number: 1, name: 'Season 1', episodes: ['Tamagoyaki', 'Red sausages'] },
      { number: 2, name: 'Season 2', episodes: ['Cold soba', 'Butter rice'] },
    ],
    startsInDays: -1,
    forDays: 365,
  },
  {
    name: '星の航路 Star Route',
    kind: 'SERIES',
    synopsis: 'A cargo crew crosses the outer belt with a passenger who should not exist.',
    genres: ['anime', 'sci-fi'],
    releaseYear: 2026,
    maturityRating: 'PG12',
    requiredPlan: 'PREMIUM',
    seasons: [
      { number: 1, name: 'Departure', episodes: ['Launch window', 'The stowaway'] },
      { number: 2, name: 'The Outer Belt', episodes: ['Ice miners', 'Signal'] },
    ],
    startsInDays: -1,
    forDays: 365,
  },
  {
    name: '春の終わり The End of Spring',
    kind: 'FILM',
    synopsis:
      'Two sisters clear out their grandmother’s house in the last week of the cherry blossoms.',
    genres: ['drama'],
    releaseYear: 2026,
    maturityRating: 'R15',
    requiredPlan: 'PREMIUM',
    seasons: [{ number: 1, name: 'Film', episodes: ['The End of Spring'] }],
    startsInDays: 1,
    forDays: 180,
  },
];

export interface SeedOptions {
  /** The gateway's /graphql. */
  gatewayUrl: string;
  /** Grants a role to an account by email (the users service, as `npm run admin` does). */
  grantRole(email: string, role: Role): Promise<void>;
  /** Progress lines for the operator. */
  log?: (line: string) => void;
  /** The seed's "now" (default: the system clock); the arriving title starts the next UTC day. */
  now?: Date;
  /** Seconds per generated clip (default 4). */
  clipSeconds?: number;
}

export interface SeedReport {
  accounts: { created: number; existing: number };
  videos: { created: number; existing: number };
  titles: { created: number; existing: number };
  episodes: { created: number; existing: number };
  licences: { created: number; existing: number };
}

const counter = () => ({ created: 0, existing: 0 });

/**
 * Loads the demo data through the gateway, like a content team and creators would: accounts, public
 * videos, and the catalog (titles, seasons, episodes from generated clips through the real upload
 * and transcode pipeline, licences, publication). Idempotent: what exists (by account email, video
 * title per creator, title name, season and episode number, any licence on a title) is kept, and
 * only what is missing is made, so a second run changes nothing.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedReport> {
  const client = new PlatformClient(options.gatewayUrl);
  const log = options.log ?? (() => {});
  const ffmpeg = findOnPath('ffmpeg');
  if (!ffmpeg) {
    throw new Error('The seed makes its clips with ffmpeg: install it (apt-get install ffmpeg).');
  }
  const scratch = await mkdtemp(join(tmpdir(), 'vp-seed-'));
  const report: SeedReport = {
    accounts: counter(),
    videos: counter(),
    titles: counter(),
    episodes: counter(),
    licences: counter(),
  };
  let clips = 0;
  const clip = async (label: string) => {
    clips += 1;
    const file = join(scratch, `clip-${clips}.mp4`);
    const seconds = options.clipSeconds ?? 4;
    // A distinct tint and tone per clip, so that episodes are told apart when played.
    await run(ffmpeg, [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${seconds}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=${220 + (clips % 12) * 55}:duration=${seconds}`],
      ...['-vf', `hue=h=${(clips * 47) % 360}`],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-shortest',
      ],
      file,
    ]);
    log(`  uploading ${label}`);
    return file;
  };

  try {
    const tokens = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      tokens.set(account.email, await signInOrUp(client, options, account, report));
    }

    for (const account of DEMO_ACCOUNTS.filter(candidate => candidate.videos.length)) {
      const token = tokens.get(account.email)!;
      const { me } = await client.query(
        `{ me { videos(first: 100) { edges { node { id title status publishedAt } } } } }`,
        {},
        token,
      );
      const existing = new Map<string, { id: string; status: string; publishedAt: string | null }>(
        me.videos.edges.map((edge: any) => [edge.node.title, edge.node]),
      );
      for (const video of account.videos) {
        let found = existing.get(video.title);
        if (found?.status === 'READY' && found.publishedAt) {
          report.videos.existing += 1;
          continue;
        }
        if (found && found.status !== 'READY' && found.status !== 'PROCESSING') {
          // a run cut short before its upload finished: start that video again
          await client.query(
            `mutation ($id: ID!) { deleteVideo(id: $id) }`,
            { id: found.id },
            token,
          );
          found = undefined;
        }
        const id = found?.id ?? (await client.upload(token, await clip(video.title), video.title));
        await client.waitReady(token, id);
        await client.query(
          `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id } }`,
          { id, input: { visibility: 'PUBLIC', description: video.description, tags: video.tags } },
          token,
        );
        await client.query(`mutation ($id: ID!) { publishVideo(id: $id) { id } }`, { id }, token);
        report.videos.created += 1;
        log(`video: ${account.handle} — ${video.title}`);
      }
    }

    const managerToken = tokens.get(DEMO_ACCOUNTS[0].email)!;
    const today = new Date(options.now ?? Date.now());
    today.setUTCHours(0, 0, 0, 0);
    for (const title of DEMO_TITLES) {
      await seedTitle(client, managerToken, title, today, clip, report, log);
    }
    return report;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function signInOrUp(
  client: PlatformClient,
  options: SeedOptions,
  account: DemoAccount,
  report: SeedReport,
): Promise<string> {
  const signIn = () =>
    client.query(
      `mutation ($input: SignInInput!) { signIn(input: $input) { accessToken user { roles } } }`,
      { input: { email: account.email, password: DEMO_PASSWORD } },
    );
  let signedIn: any;
  try {
    signedIn = await signIn();
    report.accounts.existing += 1;
  } catch (error) {
    if (!(error instanceof GraphError) || !error.codes.includes('UNAUTHENTICATED')) {
      throw error;
    }
    try {
      await client.query(
        `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }`,
        {
          input: {
            email: account.email,
            password: DEMO_PASSWORD,
            handle: account.handle,
            displayName: account.displayName,
            birthDate: '1990-04-01',
          },
        },
      );
    } catch (signUpError) {
      throw new Error(
        `${account.email} exists with another password, or its handle ${account.handle} is taken: ` +
          `the seed cannot use it (${(signUpError as Error).message}).`,
      );
    }
    report.accounts.created += 1;
    signedIn = await signIn();
  }
  if (!signedIn.signIn.user.roles.includes(account.role)) {
    await options.grantRole(account.email, account.role);
    // a new session carries the roles the account has now
    signedIn = await signIn();
  }
  return signedIn.signIn.accessToken as string;
}

const TITLE_STATE = `query ($id: ID!) { title(id: $id) {
  id publishedAt licences { id }
  seasons(first: 10) { edges { node { id number episodes(first: 20) { edges { node { number } } } } } } } }`;

async function seedTitle(
  client: PlatformClient,
  token: string,
  title: DemoTitle,
  today: Date,
  clip: (label: string) => Promise<string>,
  report: SeedReport,
  log: (line: string) => void,
) {
  const { managedTitles } = await client.query(
    `query ($first: Int!) { managedTitles(first: $first) { edges { node { id name } } } }`,
    { first: 100 },
    token,
  );
  let id = managedTitles.edges.find((edge: any) => edge.node.name === title.name)?.node.id as
    string | undefined;
  if (id) {
    report.titles.existing += 1;
  } else {
    const { createTitle } = await client.query(
      `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { id } }`,
      {
        input: {
          kind: title.kind,
          name: title.name,
          synopsis: title.synopsis,
          genres: title.genres,
          releaseYear: title.releaseYear,
          maturityRating: title.maturityRating,
          requiredPlan: title.requiredPlan,
        },
      },
      token,
    );
    id = createTitle.id as string;
    report.titles.created += 1;
    log(`title: ${title.name}`);
  }
  const state = (await client.query(TITLE_STATE, { id }, token)).title;
  for (const season of title.seasons) {
    const found = state.seasons.edges.find((edge: any) => edge.node.number === season.number)?.node;
    const seasonId =
      found?.id ??
      (
        await client.query(
          `mutation ($input: AddSeasonInput!) { addSeason(input: $input) { id } }`,
          { input: { titleId: id, number: season.number, name: season.name } },
          token,
        )
      ).addSeason.id;
    const numbers = new Set(found?.episodes.edges.map((edge: any) => edge.node.number) ?? []);
    for (const [index, name] of season.episodes.entries()) {
      const number = index + 1;
      if (numbers.has(number)) {
        report.episodes.existing += 1;
        continue;
      }
      const label = `${title.name} S${season.number}E${number}`;
      const videoId = await client.upload(token, await clip(label), label.slice(0, 100));
      // the catalog hears of READY videos by event: a moment after videos says READY
      await client.settle(
        () =>
          client.query(
            `mutation ($input: AddEpisodeInput!) { addEpisode(input: $input) { id } }`,
            { input: { seasonId, number, name, synopsis: `${name}.`, videoId } },
            token,
          ),
        error => error.errors.some(e => /not READY/.test(e.message)),
      );
      report.episodes.created += 1;
    }
  }
  if (state.licences.length) {
    report.licences.existing += state.licences.length;
  } else {
    const startsAt = new Date(today.getTime() + title.startsInDays * DAY);
    await client.query(
      `mutation ($input: AddLicenceInput!) { addLicence(input: $input) { id } }`,
      {
        input: {
          titleId: id,
          territories: TERRITORIES,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + title.forDays * DAY).toISOString(),
        },
      },
      token,
    );
    report.licences.created += 1;
  }
  if (!state.publishedAt) {
    await client.query(`mutation ($id: ID!) { publishTitle(id: $id) { id } }`, { id }, token);
  }
}
