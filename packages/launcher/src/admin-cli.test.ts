import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventTopic, parseEmitted, UserRolesChanged } from '@vp/contracts';
import { openDatabase } from '@vp/kit';
import { createTestDatabase } from '@vp/kit/testing';
import { users } from '@vp/users';

const root = join(__dirname, '../../..');

/** `npm run admin -- …` as an operator types it, against the test database. */
function admin(...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
    execFile(
      'npm',
      ['run', '--silent', 'admin', '--', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: database.url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Client;
const email = `operator-made-${randomUUID().slice(0, 8)}@example.com`;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase('admin_cli');
  // the users service's own migrations, as its start-up would run them
  const orm = await openDatabase({
    schema: users.dbSchema,
    databaseUrl: database.url,
    entities: users.entities,
    migrations: users.migrations,
  });
  await orm.close();
  sql = new Client({ connectionString: database.url });
  await sql.connect();
  userId = randomUUID();
  await sql.query(
    `insert into users."user" (id, email, handle, display_name, birth_date, password_hash, created_at)
     values ($1, $2, $3, 'First Admin', '1990-01-01', 'not-a-hash', now())`,
    [userId, email, `first_admin_${userId.slice(0, 6)}`],
  );
});
afterAll(async () => {
  await sql.end();
  await database.drop();
});

const rolesOf = async () =>
  (await sql.query(`select roles from users."user" where id = $1`, [userId])).rows[0].roles;
const auditRows = async () =>
  (
    await sql.query(
      `select roles_before, roles_after, changed_by_user_id, changed_by_operator
       from users.role_change where user_id = $1 order by changed_at`,
      [userId],
    )
  ).rows;
const events = async () =>
  (
    await sql.query(
      `select payload from users.outbox where name = $1 order by created_at`,
      [eventTopic(UserRolesChanged)],
    )
  ).rows
    .map(row => parseEmitted(UserRolesChanged, row.payload))
    .filter(payload => payload.userId === userId);

describe('npm run admin', () => {
  it('grants a role, with the audit row and the event of setUserRoles, naming the operator', async () => {
    const result = await admin('grant-role', email.toUpperCase(), 'ADMIN');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Granted ADMIN to ${email} (roles now: VIEWER, ADMIN)`);
    expect(await rolesOf()).toEqual(['VIEWER', 'ADMIN']);
    expect(await auditRows()).toEqual([
      {
        roles_before: ['VIEWER'],
        roles_after: ['VIEWER', 'ADMIN'],
        changed_by_user_id: null,
        changed_by_operator: userInfo().username,
      },
    ]);
    expect(await events()).toEqual([
      { userId, roles: ['VIEWER', 'ADMIN'], previousRoles: ['VIEWER'] },
    ]);
    // and in the append-only audit log, with the operator and no client address
    const audit = await sql.query(
      `select action, actor_id, actor_label, target_type, ip, detail from users.audit_entry where target_id = $1`,
      [userId],
    );
    expect(audit.rows).toEqual([
      {
        action: 'ROLES_CHANGED',
        actor_id: null,
        actor_label: `operator:${userInfo().username}`,
        target_type: 'USER',
        ip: null,
        detail: { granted: 'ADMIN', revoked: null },
      },
    ]);
  });

  it('says so and writes nothing when the account already has the role', async () => {
    const result = await admin('grant-role', email, 'admin');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${email} already has ADMIN; nothing changed`);
    expect(await auditRows()).toHaveLength(1);
    expect(await events()).toHaveLength(1);
  });

  it('revokes a role', async () => {
    const result = await admin('revoke-role', email, 'ADMIN');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Revoked ADMIN from ${email} (roles now: VIEWER)`);
    expect(await rolesOf()).toEqual(['VIEWER']);
    expect((await auditRows())[1]).toMatchObject({
      roles_before: ['VIEWER', 'ADMIN'],
      roles_after: ['VIEWER'],
    });
    expect(await events()).toHaveLength(2);
  });

  it.each([
    [
      'an unknown email',
      ['grant-role', 'nobody@example.com', 'ADMIN'],
      1,
      /An account with the email nobody@example\.com was not found/,
    ],
    [
      'an unknown role',
      ['grant-role', email, 'ROOT'],
      2,
      /Unknown role "ROOT"\. Roles: VIEWER, CREATOR, ADMIN, ANALYST, PARTNER, MODERATOR, CATALOG_MANAGER\./,
    ],
    [
      'the last role',
      ['revoke-role', email, 'VIEWER'],
      1,
      /VIEWER is the only role of .*; an account keeps at least one/,
    ],
  ])(
    'refuses %s with a clear message and a non-zero exit code',
    async (_name, args, code, message) => {
      const result = await admin(...(args as string[]));
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(message as RegExp);
      expect(await rolesOf()).toEqual(['VIEWER']);
      expect(await auditRows()).toHaveLength(2);
    },
  );
});
