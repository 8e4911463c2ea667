/**
 * Operator commands, run from the repository root:
 *
 *   npm run admin -- grant-role <email> <ROLE>
 *   npm run admin -- revoke-role <email> <ROLE>
 *
 * Against DATABASE_URL when it is set, else the embedded PostgreSQL of `npm start` (in
 * PLATFORM_DATA_DIR, .data by default): used as it is when the platform is running, started for the
 * command and stopped again when it is not. The change goes through the users service that the
 * `setUserRoles` mutation uses, so it writes the same audit trail (users.role_change, naming the
 * operator) and the same UserRolesChanged event (published by the users service's outbox relay);
 * users, consuming it, revokes the account's tokens that carry the old roles on every subgraph.
 * Exit codes: 0 done (or nothing to do), 1 refused or failed, 2 wrong usage.
 */
import { userInfo } from 'node:os';
import { type EntityManager } from '@mikro-orm/postgresql';
import { openDatabase, readEnv, Role } from '@vp/kit';
import { changeRoleOf, users } from '@vp/users';
import { adminEnv } from './env';
import { OperatorError as AdminError, openPlatformDatabase } from './platform-database';

const COMMANDS = { 'grant-role': 'grant', 'revoke-role': 'revoke' } as const;
const ROLES = Object.values(Role);
const USAGE = `Usage:
  npm run admin -- grant-role <email> <ROLE>
  npm run admin -- revoke-role <email> <ROLE>
Roles: ${ROLES.join(', ')}`;

function parseArguments(argv: string[]) {
  const [command, email, roleName, ...extra] = argv;
  if (!command || command === 'help' || command === '--help') {
    throw new AdminError(USAGE, 2);
  }
  if (!(command in COMMANDS)) {
    throw new AdminError(`Unknown command "${command}".\n${USAGE}`, 2);
  }
  if (!email || !roleName || extra.length > 0) {
    throw new AdminError(`${command} takes an email and a role.\n${USAGE}`, 2);
  }
  const role = ROLES.find(known => known === roleName.trim().toUpperCase());
  if (!role) {
    throw new AdminError(`Unknown role "${roleName}". Roles: ${ROLES.join(', ')}.`, 2);
  }
  return { action: COMMANDS[command as keyof typeof COMMANDS], email, role };
}

async function main(argv: string[]): Promise<string> {
  const { action, email, role } = parseArguments(argv);
  const env = readEnv(adminEnv);
  const database = await openPlatformDatabase(env);
  try {
    const orm = await openDatabase({
      schema: users.dbSchema,
      databaseUrl: database.url,
      entities: users.entities,
      migrations: users.migrations,
      // the users service migrates its schema when it starts; an operator command does not
      migrate: false,
    });
    try {
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) {
        throw new AdminError(
          'The users schema of this database is not up to date: start the platform (or the users ' +
            'service) once so that it migrates, then run the command again.',
        );
      }
      const { user, changed } = await changeRoleOf(
        orm.em.fork() as EntityManager,
        email,
        role,
        action,
        {
          operator: userInfo().username,
        },
      );
      const roles = user.roles.join(', ');
      if (!changed) {
        return `${user.email} ${action === 'grant' ? 'already has' : 'does not have'} ${role}; nothing changed (roles: ${roles}).`;
      }
      return (
        `${action === 'grant' ? 'Granted' : 'Revoked'} ${role} ${action === 'grant' ? 'to' : 'from'} ${user.email} ` +
        `(roles now: ${roles}). Its tokens carrying the old roles are refused as soon as the running platform's ` +
        `users service handles the change (about a second); its next refresh carries the new roles.`
      );
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  message => {
    console.log(message);
  },
  (error: unknown) => {
    // the users service refuses with coded errors (NOT_FOUND, BAD_USER_INPUT), worded for people
    const coded = error instanceof Error && 'extensions' in error;
    if (error instanceof AdminError || coded) {
      console.error(error.message);
      process.exit(error instanceof AdminError ? error.exitCode : 1);
    }
    console.error('The command failed:', error);
    process.exit(1);
  },
);
