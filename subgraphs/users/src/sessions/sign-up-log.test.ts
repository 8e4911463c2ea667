import { PassThrough } from 'node:stream';
import { type EntityManager } from '@mikro-orm/postgresql';
import { createLogger, maskError, type MikroORM, openDatabase, Role } from '@vp/kit';
import { GraphQLError } from 'graphql';
import { startUsers, type UsersHarness } from '../../test/harness';
import { hashPassword } from '../accounts/passwords';
import { User } from '../accounts/user.entity';
import { users as definition } from '../definition';

/**
 * Issue 16, weakness 6: a database error reaches the log without the values bound to its statement.
 * The sign-up insert of an email that is already registered (what two racing sign-ups do) fails on
 * the unique index; PostgreSQL's error and MikroORM's message carry the email and the password hash.
 */
let users: UsersHarness;
let orm: MikroORM;

beforeAll(async () => {
  users = await startUsers();
  orm = await openDatabase({
    schema: definition.dbSchema,
    databaseUrl: users.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    migrate: false,
  });
});
afterAll(async () => {
  await orm?.close();
  await users?.stop();
});

/** A logger like every process's, writing to a buffer the test reads. */
function capturedLogger() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', chunk => lines.push(chunk.toString()));
  return { log: createLogger('users', 'info', stream), output: () => lines.join('') };
}

async function uniqueViolationOnSignUp(email: string, passwordHash: string) {
  const em = orm.em.fork() as EntityManager;
  em.create(User, {
    email,
    handle: `again_${Date.now().toString(36)}`,
    displayName: 'Again',
    birthDate: '1990-04-21',
    passwordHash,
    roles: [Role.VIEWER],
    createdAt: new Date(),
  } as never);
  try {
    await em.flush();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the insert of a registered email succeeded');
}

it('logs the unique violation of a sign-up with a known email without the email or the password hash', async () => {
  const { input } = await users.signUp();
  const passwordHash = await hashPassword('a password of the second attempt');
  const error = await uniqueViolationOnSignUp(input.email, passwordHash);
  // the error itself carries both: this is what must not be logged
  expect(`${error.message} ${JSON.stringify(error)}`).toContain(input.email);
  expect(error.message).toContain(passwordHash);

  const { log, output } = capturedLogger();
  // as a subgraph logs an unexpected resolver error, directly and as the cause of another
  maskError({ message: error.message }, error, cause =>
    log.error({ err: cause }, 'internal error'),
  );
  log.error(
    { err: new GraphQLError('sign-up failed', { originalError: error }) },
    'internal error',
  );
  log.error({ err: new Error('sign-up failed', { cause: error }) }, 'internal error');
  log.info({ input }, 'a careless log of the input');

  const logged = output();
  expect(logged.trim().split('\n')).toHaveLength(4);
  expect(logged).not.toContain(input.email);
  expect(logged).not.toContain(input.email.split('@')[0]);
  expect(logged).not.toContain(passwordHash);
  expect(logged).not.toContain(input.password);
  // what stays is enough to find the statement: the SQLSTATE and the constraint
  const first = JSON.parse(logged.split('\n')[0]);
  expect(first.err).toMatchObject({ code: '23505', table: 'user' });
  expect(first.err.constraint).toMatch(/email/);
});
