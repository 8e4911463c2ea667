/**
 * Writes the next migration of one subgraph from the difference between its entities and its
 * migrations so far: `npm run migration:create -- users`. Uses a scratch database on DATABASE_URL.
 */
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@vp/kit';
import { createTestDatabase } from '@vp/kit/testing';
import { SUBGRAPHS } from './subgraphs';

async function main() {
  const name = process.argv[2];
  const entry = SUBGRAPHS.find(s => s.definition.name === name);
  if (!entry) {
    throw new Error(`Name a subgraph: ${SUBGRAPHS.map(s => s.definition.name).join(', ')}`);
  }
  const { definition } = entry;
  const scratch = await createTestDatabase(`migration_${name}`);
  const config = ormConfig({ ...definition, schema: definition.dbSchema, databaseUrl: scratch.url });
  config.migrations!.path = join(__dirname, '../../../subgraphs', name, 'migrations');
  config.migrations!.snapshot = false;
  const orm = await MikroORM.init(config);
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, definition.migrations.length === 0);
    console.log(result.fileName ? `wrote ${result.fileName}; add it to migrations/index.ts` : 'no changes');
  } finally {
    await orm.close();
    await scratch.drop();
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
