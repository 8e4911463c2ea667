import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase } from '@vp/kit';
import { Client } from 'pg';
import { describeIfFfmpeg, graphql } from '@vp/kit/testing';
import { changeRoleOf, users } from '@vp/users';
import { DEMO_ACCOUNTS, DEMO_TITLES, seedDemo, type SeedOptions } from '../seed/demo';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

jest.setTimeout(600_000);

// `npm run seed` against a running platform, twice: the second run finds everything in place and
// makes nothing, and the catalog is what a newcomer should see.
describeIfFfmpeg('the demo seed', () => {
  let platform: TestPlatform;
  let options: SeedOptions;

  beforeAll(async () => {
    platform = await startTestPlatform();
    options = {
      gatewayUrl: platform.url,
      clipSeconds: 2,
      grantRole: async (email, role) => {
        const orm = await openDatabase({
          schema: users.dbSchema,
          databaseUrl: platform.database.url,
          entities: users.entities,
          migrations: users.migrations,
          migrate: false,
        });
        try {
          await changeRoleOf(orm.em.fork() as EntityManager, email, role, 'grant', {
            operator: 'test',
          });
        } finally {
          await orm.close();
        }
      },
    };
  }, 120_000);
  afterAll(() => platform?.stop());

  const counts = async () => {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    try {
      const one = async (sql: string) => (await client.query(sql)).rows[0].n as number;
      return {
        accounts: await one(`select count(*)::int as n from users."user"`),
        videos: await one(`select count(*)::int as n from videos.video`),
        titles: await one(`select count(*)::int as n from catalog.title`),
        seasons: await one(`select count(*)::int as n from catalog.season`),
        episodes: await one(`select count(*)::int as n from catalog.episode`),
        licences: await one(`select count(*)::int as n from catalog.licence`),
      };
    } finally {
      await client.end();
    }
  };

  it('loads creators, public videos and the catalog once, however often it runs', async () => {
    const first = await seedDemo(options);
    const episodes = DEMO_TITLES.flatMap(title => title.seasons.flatMap(season => season.episodes));
    const publicVideos = DEMO_ACCOUNTS.flatMap(account => account.videos);
    expect(first).toEqual({
      accounts: { created: DEMO_ACCOUNTS.length, existing: 0 },
      videos: { created: publicVideos.length, existing: 0 },
      titles: { created: DEMO_TITLES.length, existing: 0 },
      episodes: { created: episodes.length, existing: 0 },
      licences: { created: DEMO_TITLES.length, existing: 0 },
    });
    const before = await counts();

    const second = await seedDemo(options);
    expect(second).toEqual({
      accounts: { created: 0, existing: DEMO_ACCOUNTS.length },
      videos: { created: 0, existing: publicVideos.length },
      titles: { created: 0, existing: DEMO_TITLES.length },
      episodes: { created: 0, existing: episodes.length },
      licences: { created: 0, existing: DEMO_TITLES.length },
    });
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({
      accounts: DEMO_ACCOUNTS.length,
      titles: DEMO_TITLES.length,
      seasons: 5,
      episodes: episodes.length,
      // the episodes' videos are catalog content: uploaded, never public
      videos: publicVideos.length + episodes.length,
    });

    // What a newcomer sees: in JP, the two series playing and the film arriving tomorrow;
    // the public feed has the creators' videos and none of the episodes'.
    const titles = await graphql(
      platform.url,
      `
        {
          titles(first: 20) {
            edges {
              node {
                name
                kind
                availability {
                  playable
                  reason
                  availableFrom
                }
              }
            }
          }
        }
      `,
    );
    const byName = Object.fromEntries(
      titles.data.titles.edges.map((edge: any) => [edge.node.name, edge.node]),
    );
    expect(Object.keys(byName).sort()).toEqual(DEMO_TITLES.map(title => title.name).sort());
    expect(byName['深夜の台所 Midnight Kitchen'].availability).toMatchObject({ playable: true });
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect(byName['春の終わり The End of Spring'].availability).toEqual({
      playable: false,
      reason: 'NOT_YET_AVAILABLE',
      availableFrom: tomorrow.toISOString(),
    });
    expect(
      (
        await graphql(
          platform.url,
          `
            {
              titles(first: 20) {
                edges {
                  node {
                    name
                  }
                }
              }
            }
          `,
          {},
          {
            headers: { 'CloudFront-Viewer-Country': 'KR' },
          },
        )
      ).data.titles.edges,
    ).toHaveLength(DEMO_TITLES.length);
    const feed = await graphql(
      platform.url,
      `
        {
          videos(first: 100) {
            edges {
              node {
                title
              }
            }
          }
        }
      `,
    );
    expect(feed.data.videos.edges.map((edge: any) => edge.node.title).sort()).toEqual(
      publicVideos.map(video => video.title).sort(),
    );
  });
});
