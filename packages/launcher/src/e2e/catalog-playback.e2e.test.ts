import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, eventually, graphql } from '@vp/kit/testing';
import { makeVideoClipFile } from '../testing/clips';
import { PlatformClient } from '../seed/client';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

jest.setTimeout(240_000);

// Issue 11 end to end, through gateways only: a catalog manager's upload becomes an episode and
// leaves every public surface (feed, channel, search, its own playback); it plays only through its
// published, licensed title, in the territory the CDN in front names — believed only from a
// trusted hop.
describeIfFfmpeg('the premium catalog through the gateway', () => {
  let platform: TestPlatform;
  let trusting: string; // trusts loopback, as behind a CDN on this machine
  let untrusting: string; // TRUST_PROXY=none: the CDN header is anyone's to write
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      gateways: 2,
      gatewayConfig: index => (index === 1 ? { trustProxy: '' } : {}),
    });
    trusting = platform.url;
    untrusting = platform.gateways[1].url.replace('localhost', '127.0.0.1');
    scratch = mkdtempSync(join(tmpdir(), 'vp-e2e-catalog-'));
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("turns a manager's public video into an episode that plays only through its title, where licensed", async () => {
    const client = new PlatformClient(trusting);
    const person = await platform.signUp({ name: 'catalog' });
    const manager = await platform.grantRole(person, Role.CATALOG_MANAGER);
    const viewer = await platform.signUp({ name: 'viewer' });

    // An ordinary public video first, so there is something to leak.
    const uniqueWord = `zebrafish${Date.now()}`;
    const videoId = await client.upload(
      manager,
      await makeVideoClipFile(scratch),
      `Pilot ${uniqueWord}`,
    );
    await client.query(
      `mutation ($id: ID!) { updateVideo(id: $id, input: { visibility: PUBLIC }) { id } }`,
      { id: videoId },
      manager,
    );
    await client.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id } }`,
      { id: videoId },
      manager,
    );
    const feed = async () =>
      (await client.query(`{ videos(first: 100) { edges { node { id } } } }`)).videos.edges.map(
        (edge: any) => edge.node.id,
      );
    const found = async () =>
      (
        await client.query(
          `query ($q: String!) { search(query: $q) { edges { node { __typename ... on Video { id } } } } }`,
          { q: uniqueWord },
        )
      ).search.edges.map((edge: any) => edge.node?.id);
    expect(await feed()).toContain(videoId);
    await eventually(found, {
      until: ids => ids.includes(videoId),
      what: 'search to index the video',
    });

    // The catalog takes it.
    const { createTitle } = await client.query(
      `mutation ($input: CreateTitleInput!) { createTitle(input: $input) { id } }`,
      {
        input: {
          kind: 'SERIES',
          name: `E2E ${uniqueWord}`,
          maturityRating: 'G',
          requiredPlan: 'FREE',
        },
      },
      manager,
    );
    const titleId = createTitle.id;
    const { addSeason } = await client.query(
      `mutation ($input: AddSeasonInput!) { addSeason(input: $input) { id } }`,
      { input: { titleId, number: 1, name: 'Season 1' } },
      manager,
    );
    await client.settle(
      () =>
        client.query(
          `mutation ($input: AddEpisodeInput!) { addEpisode(input: $input) { id } }`,
          { input: { seasonId: addSeason.id, number: 1, name: 'Pilot', videoId } },
          manager,
        ),
      error => error.errors.some(e => /not READY/.test(e.message)),
    );
    const endsAt = new Date(Date.now() + 30 * 86_400_000);
    await client.query(
      `mutation ($input: AddLicenceInput!) { addLicence(input: $input) { id } }`,
      {
        input: {
          titleId,
          territories: ['JP'],
          startsAt: new Date(Date.now() - 3600_000).toISOString(),
          endsAt: endsAt.toISOString(),
        },
      },
      manager,
    );
    await client.query(
      `mutation ($id: ID!) { publishTitle(id: $id) { id } }`,
      { id: titleId },
      manager,
    );

    // Gone as a standalone video: feed, its page, the channel, search; not playable on its own.
    await eventually(feed, { until: ids => !ids.includes(videoId), what: 'the feed to drop it' });
    const page = await graphql(
      trusting,
      `
        query ($id: ID!) {
          video(id: $id) {
            id
          }
        }
      `,
      { id: videoId },
      {
        token: viewer.token,
      },
    );
    expect(page.data.video).toBeNull();
    const channel = await graphql(
      trusting,
      `
        query ($id: ID!) {
          user(id: $id) {
            videos(first: 100) {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `,
      { id: person.id },
      { token: viewer.token },
    );
    expect(channel.data.user.videos.edges).toEqual([]);
    await eventually(found, { until: ids => !ids.includes(videoId), what: 'search to drop it' });
    const own = await graphql(
      trusting,
      `
        query ($id: ID!) {
          video(id: $id) {
            playback {
              hlsUrl
            }
          }
        }
      `,
      { id: videoId },
      {
        token: manager,
      },
    );
    expect(own.data.video.playback).toBeNull();
    expect(own.errors![0].extensions!.code).toBe('FORBIDDEN');

    // The episode plays, in JP (the default territory), for anyone (FREE, G).
    const EPISODE = `query ($id: ID!) { title(id: $id) { availability { playable reason }
      seasons { edges { node { episodes { edges { node { availability { playable reason } playback { hlsUrl expiresAt } } } } } } } } }`;
    const episodeVia = async (url: string, country?: string) => {
      const answer = await graphql(
        url,
        EPISODE,
        { id: titleId },
        {
          token: viewer.token,
          headers: country ? { 'CloudFront-Viewer-Country': country } : {},
        },
      );
      return { answer, episode: answer.data.title.seasons.edges[0].node.episodes.edges[0].node };
    };
    const jp = await episodeVia(trusting);
    expect(jp.episode.availability).toEqual({ playable: true, reason: null });
    expect(Date.parse(jp.episode.playback.expiresAt)).toBeLessThanOrEqual(endsAt.getTime());
    const master = await fetch(jp.episode.playback.hlsUrl.replace('localhost', '127.0.0.1'));
    expect(master.status).toBe(200);
    expect(await master.text()).toMatch(/^#EXTM3U/);

    // KR, as the CDN says through the trusted hop: not licensed there.
    const kr = await episodeVia(trusting, 'KR');
    expect(kr.episode).toEqual({
      availability: { playable: false, reason: 'TERRITORY_BLOCKED' },
      playback: null,
    });
    expect(kr.answer.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'TERRITORY_BLOCKED',
    });
    // The same header through a gateway that trusts no proxy counts for nothing: JP, plays.
    expect((await episodeVia(untrusting, 'KR')).episode.availability).toEqual({
      playable: true,
      reason: null,
    });

    const listed = async (url: string, country?: string) =>
      (
        await graphql(
          url,
          `
            {
              titles(first: 100) {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          `,
          {},
          {
            headers: country ? { 'CloudFront-Viewer-Country': country } : {},
          },
        )
      ).data.titles.edges.map((edge: any) => edge.node.id);
    expect(await listed(trusting)).toContain(titleId);
    expect(await listed(trusting, 'KR')).not.toContain(titleId);
    expect(await listed(untrusting, 'KR')).toContain(titleId);
  });
});
