import { randomUUID } from 'node:crypto';
import {
  EntitlementChanged,
  type EventContract,
  UserRegistered,
  VideoMediaChanged,
} from '@vp/contracts';
import { Role } from '@vp/kit';
import { eventually, graphql, startPeerEvents, startTestSubgraph, tokenFor } from '@vp/kit/testing';
import { createPlaybackSigner } from '@vp/media';
import { catalog } from './definition';

/** Signs playback in tests; any origin will do, nothing is fetched. */
export const TEST_MEDIA_SECRET = 'catalog-test-secret-catalog-test-secret-0123';
export const MEDIA_ORIGIN = 'http://media.test';

/**
 * The real catalog subgraph on a fresh database, with a clock the test moves (`at(…)`), HMAC
 * playback signing, and the other subgraphs played by `peers`: videos telling of READY media,
 * users of sign-ups, payments of plans. Requests carry the viewer's territory the way the gateway
 * sends it (`x-viewer-territory` from loopback, a trusted hop).
 */
export async function startCatalog(options: { playbackTtlSeconds?: number } = {}) {
  // the system clock until a test sets one
  let now: Date | null = null;
  const app = await startTestSubgraph(catalog, {
    signer: createPlaybackSigner({
      kind: 'hmac',
      publicUrl: MEDIA_ORIGIN,
      secret: TEST_MEDIA_SECRET,
    }),
    clock: () => now ?? new Date(),
    playbackTtlSeconds: options.playbackTtlSeconds ?? 3600,
  });
  const peers = await startPeerEvents(app.databaseUrl);
  const managerId = randomUUID();
  const managerToken = await tokenFor(managerId, [Role.VIEWER, Role.CATALOG_MANAGER]);

  const handled = (contract: EventContract, match: Record<string, unknown>) =>
    eventually(() => peers.deliveries(catalog.name, contract, match), {
      until: states => states.length > 0 && states.every(state => state === 'completed'),
      what: `${contract.name} to be handled`,
    });

  const harness = {
    ...app,
    peers,
    managerId,
    managerToken,
    /** Stops the catalog's clock at `instant` (each request reads it once); null: the system clock. */
    at(instant: Date | string | null) {
      now = instant === null ? null : new Date(instant);
    },
    get now() {
      return now ?? new Date();
    },
    query: (
      query: string,
      variables: Record<string, unknown> = {},
      options: { token?: string; territory?: string } = {},
    ) =>
      graphql(app.url, query, variables, {
        token: options.token,
        headers: options.territory ? { 'x-viewer-territory': options.territory } : {},
      }),
    /** A manager's mutation; throws on errors (fixtures, not the test's subject). */
    async manage<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const answer = await graphql(app.url, query, variables, { token: managerToken });
      if (answer.errors) {
        throw new Error(JSON.stringify(answer.errors));
      }
      return answer.data;
    },
    /** videos: a READY video (uploaded by the manager unless said otherwise), once the catalog knows it. */
    async readyVideo(ownerId = managerId, durationSeconds = 90) {
      const id = randomUUID();
      await peers.emit(VideoMediaChanged, {
        id,
        ownerId,
        status: 'READY',
        durationSeconds,
        playbackEntry: 'master.m3u8',
        changedAt: new Date().toISOString(),
      });
      await handled(VideoMediaChanged, { id });
      return id;
    },
    /** videos: a video deleted. */
    async videoDeleted(id: string, ownerId = managerId) {
      await peers.emit(VideoMediaChanged, {
        id,
        ownerId,
        status: 'DELETED',
        durationSeconds: null,
        playbackEntry: null,
        changedAt: new Date().toISOString(),
      });
      await eventually(() => peers.deliveries(catalog.name, VideoMediaChanged, { id }), {
        until: states => states.length === 2 && states.every(state => state === 'completed'),
        what: 'the deletion to be handled',
      });
    },
    /** A viewer the catalog has heard of: their birth date (users) and plan and age check (payments). */
    async viewer(
      options: {
        tier?: 'FREE' | 'PREMIUM' | 'PREMIUM_PLUS';
        ageVerified?: boolean;
        birthDate?: string;
      } = {},
    ) {
      const id = randomUUID();
      await peers.emit(UserRegistered, {
        userId: id,
        handle: `viewer${id.slice(0, 8)}`,
        birthDate: options.birthDate ?? '1990-04-01',
      });
      await handled(UserRegistered, { userId: id });
      if (options.tier || options.ageVerified) {
        await peers.emit(EntitlementChanged, {
          userId: id,
          tier: options.tier ?? 'FREE',
          ageVerified: options.ageVerified ?? false,
          changedAt: new Date().toISOString(),
        });
        await handled(EntitlementChanged, { userId: id });
      }
      return { id, token: await tokenFor(id, [Role.VIEWER]) };
    },
    async stop() {
      await peers.stop();
      await app.stop();
    },
  };
  return harness;
}

export type CatalogHarness = Awaited<ReturnType<typeof startCatalog>>;

export const CREATE_TITLE = `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { id } }`;
export const ADD_SEASON = `mutation ($input: AddSeasonInput!) { addSeason(input: $input) { id } }`;
export const ADD_EPISODE = `mutation ($input: AddEpisodeInput!) { addEpisode(input: $input) { id } }`;
export const ADD_LICENCE = `mutation ($input: AddLicenceInput!) { addLicence(input: $input) { id } }`;
export const PUBLISH = `mutation ($id: ID!) { publishTitle(id: $id) { id publishedAt } }`;

/**
 * A title made through the manager's mutations: `episodes` episodes in season 1, each with its own
 * READY video, licensed as given, published (unless `publish: false`).
 */
export async function makeTitle(
  catalogHarness: CatalogHarness,
  options: {
    name?: string;
    kind?: 'SERIES' | 'FILM';
    maturityRating?: 'G' | 'PG12' | 'R15' | 'R18';
    requiredPlan?: 'FREE' | 'PREMIUM' | 'PREMIUM_PLUS';
    genres?: string[];
    episodes?: number;
    licences?: { territories: string[]; startsAt: Date | string; endsAt: Date | string }[];
    publish?: boolean;
  } = {},
) {
  const { createTitle } = await catalogHarness.manage(CREATE_TITLE, {
    input: {
      kind: options.kind ?? 'SERIES',
      name: options.name ?? `Title ${randomUUID().slice(0, 8)}`,
      maturityRating: options.maturityRating ?? 'G',
      requiredPlan: options.requiredPlan ?? 'PREMIUM',
      genres: options.genres ?? ['drama'],
    },
  });
  const { addSeason } = await catalogHarness.manage(ADD_SEASON, {
    input: { titleId: createTitle.id, number: 1, name: 'Season 1' },
  });
  const episodeIds: string[] = [];
  const videoIds: string[] = [];
  for (let number = 1; number <= (options.episodes ?? 1); number++) {
    const videoId = await catalogHarness.readyVideo();
    const { addEpisode } = await catalogHarness.manage(ADD_EPISODE, {
      input: { seasonId: addSeason.id, number, name: `Episode ${number}`, videoId },
    });
    episodeIds.push(addEpisode.id);
    videoIds.push(videoId);
  }
  for (const licence of options.licences ?? []) {
    await catalogHarness.manage(ADD_LICENCE, { input: { titleId: createTitle.id, ...licence } });
  }
  if (options.publish !== false) {
    await catalogHarness.manage(PUBLISH, { id: createTitle.id });
  }
  return { id: createTitle.id as string, seasonId: addSeason.id as string, episodeIds, videoIds };
}
