/**
 * `npm run seed`: demo data for a newcomer's GraphiQL and apps — demo creators with public videos,
 * and the premium catalog (two series of two seasons and a film arriving tomorrow, licensed in JP
 * and KR), every clip generated with ffmpeg and sent through the real upload and transcode pipeline.
 * Idempotent: run it again and nothing changes (seed/demo.ts says how things are recognised).
 *
 * It talks to the platform of `npm start` through its gateway (GATEWAY_PORT, 4000); when none is
 * running it starts one for the run, the way `npm start` would, and stops it after. Roles are
 * granted as `npm run admin -- grant-role` grants them.
 */
import { type EntityManager } from '@mikro-orm/postgresql';
import { EnvError, openDatabase, readEnv, type Role } from '@vp/kit';
import { changeRoleOf, users } from '@vp/users';
import { launcherEnv, type LauncherEnv } from './env';
import { startPlatform } from './platform';
import { OperatorError, openPlatformDatabase } from './platform-database';
import { PlatformClient } from './seed/client';
import { DEMO_PASSWORD, seedDemo } from './seed/demo';

async function main() {
  const env = readEnv(launcherEnv) as LauncherEnv;
  // The demo accounts share a password written in this repository: never on a real platform.
  if (env.PLATFORM_ENV === 'production') {
    throw new OperatorError(
      'npm run seed makes demo accounts with a published password: not with PLATFORM_ENV=production.',
    );
  }
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
  let platform: Awaited<ReturnType<typeof startPlatform>> | null = null;
  if (!(await new PlatformClient(gatewayUrl).reachable())) {
    console.log('No platform answers on the gateway port: starting one for the seed…');
    platform = await startPlatform({
      env,
      databaseUrl: env.DATABASE_URL,
      redisUrl: env.REDIS_URL,
      dataDir: env.PLATFORM_DATA_DIR,
      embeddedPostgresPort: env.EMBEDDED_POSTGRES_PORT,
      gatewayPort: env.GATEWAY_PORT,
      subgraphBasePort: env.SUBGRAPH_BASE_PORT,
      rtmpPort: env.LIVE_RTMP_PORT,
      publicUrl: process.env.PUBLIC_URL ? env.PUBLIC_URL : undefined,
    });
  }
  const database = await openPlatformDatabase(env);
  try {
    const report = await seedDemo({
      gatewayUrl,
      log: line => console.log(line),
      grantRole: async (email: string, role: Role) => {
        const orm = await openDatabase({
          schema: users.dbSchema,
          databaseUrl: database.url,
          entities: users.entities,
          migrations: users.migrations,
          migrate: false,
        });
        try {
          await changeRoleOf(orm.em.fork() as EntityManager, email, role, 'grant', {
            operator: 'npm run seed',
          });
        } finally {
          await orm.close();
        }
      },
    });
    const line = (name: string, counts: { created: number; existing: number }) =>
      `  ${name.padEnd(9)} ${counts.created} created, ${counts.existing} already there`;
    console.log(`\nDemo data is in place.
${line('accounts', report.accounts)}
${line('videos', report.videos)}
${line('titles', report.titles)}
${line('episodes', report.episodes)}
${line('licences', report.licences)}
Sign in as catalog@example.com (CATALOG_MANAGER), hana@example.com, kenji@example.com or
mika@example.com with the password "${DEMO_PASSWORD}".`);
  } finally {
    await database.stop();
    await platform?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof EnvError || error instanceof OperatorError) {
      console.error(error.message);
    } else {
      console.error('The seed failed:', error);
    }
    process.exit(1);
  },
);
