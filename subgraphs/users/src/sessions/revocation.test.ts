import {
  createSharedState,
  createTokenVerifier,
  openDatabase,
  type Revocation,
  type SharedState,
} from '@vp/kit';
import { describeInProcessAndRedis, eventually, testKeys } from '@vp/kit/testing';
import {
  GOOD_PASSWORD,
  REFRESH,
  SIGN_OUT,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';
import { users as usersDefinition } from '../definition';
import { changeRoleOf } from '../roles/roles.service';
import { revokeAllSessions } from './session.service';
import { UserRolesChanged } from '@vp/contracts';

const SET_ROLES = `mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id } }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) }`;

/**
 * What another subgraph (another process with Redis; a neighbour in the launcher's process
 * without) sees: its own shared state and the kit's verifier fed by it.
 */
describeInProcessAndRedis('revocations reach other subgraphs', redisUrl => {
  let users: UsersHarness;
  let elsewhere: SharedState;
  let verifyElsewhere: ReturnType<typeof createTokenVerifier>;
  const heard: Revocation[] = [];
  beforeAll(async () => {
    users = await startUsers({ redisUrl });
    elsewhere = await createSharedState(redisUrl);
    elsewhere.revocations.onRevocation(revocation => heard.push(revocation));
    verifyElsewhere = createTokenVerifier((await testKeys()).jwks, elsewhere.revocations);
  });
  afterAll(async () => {
    await elsewhere.close();
    await users.stop();
  });

  const refusedElsewhere = (token: string) =>
    verifyElsewhere(token).then(
      () => false,
      (error: { extensions?: { code?: string } }) => error.extensions?.code === 'UNAUTHENTICATED',
    );
  const untilRefused = (token: string) =>
    eventually(() => refusedElsewhere(token), { what: 'the token to be refused elsewhere' });

  it('refuses a signed-out session, and only it', async () => {
    const account = await users.signUp();
    const other = (await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn;
    expect(await refusedElsewhere(account.accessToken)).toBe(false);
    await users.query(SIGN_OUT, { token: account.refreshToken });
    await untilRefused(account.accessToken);
    expect(await refusedElsewhere(other.accessToken)).toBe(false);
    expect(heard).toContainEqual(
      expect.objectContaining({ userId: account.user.id, reason: 'SIGNED_OUT' }),
    );
  });

  it('refuses every token of the account after a password reset', async () => {
    const account = await users.signUp();
    const other = (await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn;
    await users.query(REQUEST_RESET, { e: account.input.email });
    const token = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    expect((await users.query(RESET, { t: token, p: 'a brand new passphrase' })).data).toEqual({
      resetPassword: true,
    });
    await untilRefused(account.accessToken);
    await untilRefused(other.accessToken);
  });

  it('refuses the tokens of a reused refresh token family', async () => {
    const account = await users.signUp();
    await users.query(REFRESH, { token: account.refreshToken });
    await users.query(REFRESH, { token: account.refreshToken }); // reuse
    await untilRefused(account.accessToken);
  });

  it("refuses a demoted admin's token carrying the old roles; the refreshed one works", async () => {
    const admin = await users.signUp();
    await users.sql.query(`update users."user" set roles = '{VIEWER,ADMIN}' where id = $1`, [
      admin.user.id,
    ]);
    const target = await users.signUp();
    await users.sql.query(`update users."user" set roles = '{VIEWER,ADMIN}' where id = $1`, [
      target.user.id,
    ]);
    const signedIn = (await users.signIn(target.input.email, GOOD_PASSWORD)).data.signIn;
    const adminToken = (await users.signIn(admin.input.email, GOOD_PASSWORD)).data.signIn;
    expect((await verifyElsewhere(signedIn.accessToken)).roles).toEqual(['VIEWER', 'ADMIN']);
    await users.query(
      SET_ROLES,
      { id: target.user.id, roles: ['CREATOR'] },
      adminToken.accessToken,
    );
    await untilRefused(signedIn.accessToken);
    const refreshed = (await users.query(REFRESH, { token: signedIn.refreshToken })).data
      .refreshSession;
    expect((await verifyElsewhere(refreshed.accessToken)).roles).toEqual(['CREATOR']);
  });

  it(`refuses older tokens after a role change by the admin CLI (users consumes its own ${UserRolesChanged.name})`, async () => {
    const account = await users.signUp();
    const orm = await openDatabase({
      schema: usersDefinition.dbSchema,
      databaseUrl: users.databaseUrl,
      entities: usersDefinition.entities,
      migrations: [],
      migrate: false,
    });
    try {
      // what `npm run admin -- grant-role` does, from a process without the platform's shared state
      await changeRoleOf(orm.em.fork() as never, account.input.email, 'CREATOR' as never, 'grant', {
        operator: 'test',
      });
    } finally {
      await orm.close();
    }
    await untilRefused(account.accessToken);
    const refreshed = (await users.query(REFRESH, { token: account.refreshToken })).data
      .refreshSession;
    expect((await verifyElsewhere(refreshed.accessToken)).roles).toEqual(['VIEWER', 'CREATOR']);
  });

  it('covers revoking every session from elsewhere in users (suspension uses it)', async () => {
    const account = await users.signUp();
    // what a suspension does with a request's context: the database and the shared state
    const orm = await openDatabase({
      schema: usersDefinition.dbSchema,
      databaseUrl: users.databaseUrl,
      entities: usersDefinition.entities,
      migrations: [],
      migrate: false,
    });
    try {
      await revokeAllSessions(
        { em: orm.em.fork() as never, shared: elsewhere },
        account.user.id,
        'SUSPENDED',
      );
    } finally {
      await orm.close();
    }
    await untilRefused(account.accessToken);
    expect(errorCodesOf(await users.query(REFRESH, { token: account.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

const errorCodesOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (response.errors ?? []).map(error => error.extensions?.code);
