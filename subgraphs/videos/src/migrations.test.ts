import { openDatabase } from '@vp/kit';
import { createTestDatabase } from '@vp/kit/testing';
import { videos } from './definition';

// The engagement migrations (likes, views, comments, playlists) go down and up again cleanly.
const FIRST_ENGAGEMENT_MIGRATION = 'Migration20261206075008';
const ENGAGEMENT_TABLES = [
  'comment',
  'comment_like',
  'playlist',
  'playlist_item',
  'video_counter',
  'video_daily_stat',
  'video_like',
  'view_window',
  'watch_progress',
];

it('undoes every engagement migration with down() and redoes it with up()', async () => {
  const database = await createTestDatabase('videos_migrations');
  const orm = await openDatabase({
    schema: videos.dbSchema,
    databaseUrl: database.url,
    entities: videos.entities,
    migrations: videos.migrations,
  });
  try {
    const tables = async () =>
      (
        await orm.em
          .fork()
          .execute(
            `select table_name from information_schema.tables where table_schema = 'videos' order by 1`,
          )
      ).map(row => (row as { table_name: string }).table_name);
    expect(await tables()).toEqual(expect.arrayContaining(ENGAGEMENT_TABLES));
    const previous =
      videos.migrations[
        videos.migrations.findIndex(m => m.name === FIRST_ENGAGEMENT_MIGRATION) - 1
      ];
    await orm.getMigrator().down({ to: previous.name });
    const remaining = await tables();
    expect(remaining.filter(table => ENGAGEMENT_TABLES.includes(table))).toEqual([]);
    expect(remaining).toContain('video');
    await orm.getMigrator().up();
    expect(await tables()).toEqual(expect.arrayContaining(ENGAGEMENT_TABLES));
  } finally {
    await orm.close();
    await database.drop();
  }
});
