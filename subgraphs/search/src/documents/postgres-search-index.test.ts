import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase } from '@vp/kit';
import { createTestDatabase } from '@vp/kit/testing';
import { search } from '../definition';
import { PostgresSearchIndex } from './postgres-search-index';
import { type SearchPort } from './search-port';
import { describeSearchPortContract } from './search-port.contract';

describeSearchPortContract(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase('search_contract');
    const orm = await openDatabase({
      schema: search.dbSchema,
      databaseUrl: database.url,
      entities: search.entities,
      migrations: search.migrations,
    });
    const em = () => orm.em.fork() as EntityManager;
    // Each call on its own EntityManager, as each event and request gets one.
    const index = {
      upsert: (...args) => new PostgresSearchIndex(em()).upsert(...args),
      remove: (...args) => new PostgresSearchIndex(em()).remove(...args),
      search: (...args) => new PostgresSearchIndex(em()).search(...args),
      suggest: (...args) => new PostgresSearchIndex(em()).suggest(...args),
    } satisfies SearchPort;
    return {
      index,
      async stored(id) {
        const [row] = await em()
          .getConnection()
          .execute(`select "title", "deleted_at" from "search"."document" where "id" = ?`, [id]);
        return row ? { title: row.deleted_at ? null : row.title, deleted: !!row.deleted_at } : null;
      },
      async setViews(id, views) {
        await em()
          .getConnection()
          .execute(
            `insert into "search"."signal" ("video_id", "view_count") values (?, ?)
             on conflict ("video_id") do update set "view_count" = excluded."view_count"`,
            [id, views],
          );
      },
      async stop() {
        await orm.close();
        await database.drop();
      },
    };
  },
  { analyzesText: true },
);
