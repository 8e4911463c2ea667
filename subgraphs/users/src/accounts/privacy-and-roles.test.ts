import { Role } from '@vp/kit';
import { errorCodes, tokenFor } from '@vp/kit/testing';
import { GOOD_PASSWORD, startUsers, type UsersHarness } from '../../test/harness';

let users: UsersHarness;
let alice: Awaited<ReturnType<UsersHarness['signUp']>>;
let bob: Awaited<ReturnType<UsersHarness['signUp']>>;
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  users = await startUsers();
  alice = await users.signUp({ birthDate: '1991-07-15' });
  bob = await users.signUp();
  const admin = await users.signUp();
  adminId = admin.user.id;
  await users.sql.query(`update users."user" set roles = '{VIEWER,ADMIN}' where id = $1`, [
    adminId,
  ]);
  adminToken = (await users.signIn(admin.input.email, GOOD_PASSWORD)).data.signIn.accessToken;
});
afterAll(() => users.stop());

const PROFILE = `query($id: ID) { user(id: $id) { id handle roles email birthDate emailVerified } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id handle roles email birthDate } } }`;
const SET_ROLES = `mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id roles } }`;

describe('private fields (email, birth date)', () => {
  it('are null for another signed-in user and for anonymous callers; roles stay public', async () => {
    for (const token of [bob.accessToken, undefined]) {
      const response = await users.query(PROFILE, { id: alice.user.id }, token);
      expect(response.errors).toBeUndefined();
      expect(response.data.user).toEqual({
        id: alice.user.id,
        handle: alice.user.handle,
        roles: ['VIEWER'],
        email: null,
        birthDate: null,
        emailVerified: null,
      });
    }
  });

  it('are null through _entities too, called directly', async () => {
    for (const token of [bob.accessToken, undefined]) {
      const response = await users.query(
        ENTITIES,
        { reps: [{ __typename: 'User', id: alice.user.id }] },
        token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data._entities).toEqual([
        {
          id: alice.user.id,
          handle: alice.user.handle,
          roles: ['VIEWER'],
          email: null,
          birthDate: null,
        },
      ]);
    }
  });

  it('are readable by the account itself and by an admin', async () => {
    for (const token of [alice.accessToken, adminToken]) {
      const response = await users.query(PROFILE, { id: alice.user.id }, token);
      expect(response.data.user).toMatchObject({
        email: alice.input.email,
        birthDate: '1991-07-15',
      });
    }
  });

  it('are null for a token that claims ADMIN without a live admin session', async () => {
    const forgedAdmin = await tokenFor(bob.user.id, [Role.ADMIN]);
    const response = await users.query(PROFILE, { id: alice.user.id }, forgedAdmin);
    expect(response.data.user.email).toBeNull();
  });

  it('resolves many references in one document, unknown ids as null', async () => {
    const reps = [alice, bob].map(account => ({ __typename: 'User', id: account.user.id }));
    reps.push(
      { __typename: 'User', id: '00000000-0000-4000-8000-000000000000' },
      { __typename: 'User', id: 'junk' },
    );
    users.takeSql();
    const response = await users.query(ENTITIES, { reps }, alice.accessToken);
    const userSelects = users.takeSql().filter(sql => /from "users"\."user"/.test(sql));
    expect(userSelects).toHaveLength(1);
    expect(
      response.data._entities.map((user: { email: string } | null) => user && user.email),
    ).toEqual([alice.input.email, null, null, null]);
    expect(response.data._entities[2]).toBeNull();
  });
});

describe('setUserRoles', () => {
  it('is FORBIDDEN for a non-admin, including on their own account', async () => {
    for (const id of [alice.user.id, bob.user.id]) {
      const response = await users.query(SET_ROLES, { id, roles: ['ADMIN'] }, bob.accessToken);
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
    const roles = await users.sql.query(`select roles from users."user" where id = $1`, [
      bob.user.id,
    ]);
    expect(roles.rows[0].roles).toEqual(['VIEWER']);
  });

  it('goes by stored roles, not by roles a token claims; anonymous is UNAUTHENTICATED', async () => {
    const sid = JSON.parse(Buffer.from(bob.accessToken.split('.')[1], 'base64url').toString()).sid;
    const claimsAdminInLiveSession = await tokenFor(bob.user.id, [Role.ADMIN], sid);
    expect(
      errorCodes(
        await users.query(
          SET_ROLES,
          { id: bob.user.id, roles: ['ADMIN'] },
          claimsAdminInLiveSession,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const claimsAdminWithoutSession = await tokenFor(bob.user.id, [Role.ADMIN]);
    expect(
      errorCodes(
        await users.query(
          SET_ROLES,
          { id: bob.user.id, roles: ['ADMIN'] },
          claimsAdminWithoutSession,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await users.query(SET_ROLES, { id: bob.user.id, roles: ['ADMIN'] }))).toEqual(
      ['UNAUTHENTICATED'],
    );
  });

  it('lets an admin set roles, which the next refreshed token carries', async () => {
    const response = await users.query(
      SET_ROLES,
      { id: alice.user.id, roles: ['CREATOR', 'VIEWER', 'CREATOR'] },
      adminToken,
    );
    expect(response.data.setUserRoles.roles).toEqual(['VIEWER', 'CREATOR']);
    const refreshed = await users.query(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken user { roles } } }`,
      { t: alice.refreshToken },
    );
    expect(refreshed.data.refreshSession.user.roles).toEqual(['VIEWER', 'CREATOR']);
    const claims = JSON.parse(
      Buffer.from(refreshed.data.refreshSession.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims.roles).toEqual(['VIEWER', 'CREATOR']);
    const audit = await users.sql.query(
      `select roles_before, roles_after, changed_by_user_id, changed_by_operator from users.role_change where user_id = $1`,
      [alice.user.id],
    );
    expect(audit.rows).toEqual([
      {
        roles_before: ['VIEWER'],
        roles_after: ['VIEWER', 'CREATOR'],
        changed_by_user_id: adminId,
        changed_by_operator: null,
      },
    ]);
  });

  it('records nothing when the roles are already those', async () => {
    const response = await users.query(
      SET_ROLES,
      { id: bob.user.id, roles: ['VIEWER'] },
      adminToken,
    );
    expect(response.data.setUserRoles.roles).toEqual(['VIEWER']);
    const audit = await users.sql.query(`select 1 from users.role_change where user_id = $1`, [
      bob.user.id,
    ]);
    expect(audit.rows).toEqual([]);
  });

  it('refuses an empty role list, an unknown role and an unknown account', async () => {
    expect(
      errorCodes(await users.query(SET_ROLES, { id: bob.user.id, roles: [] }, adminToken)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await users.query(SET_ROLES, { id: bob.user.id, roles: ['ROOT'] }, adminToken)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await users.query(
          SET_ROLES,
          { id: '00000000-0000-4000-8000-000000000000', roles: ['VIEWER'] },
          adminToken,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('has no way for an admin to set a password', async () => {
    const schema = await users.query(
      `{ __schema { mutationType { fields { name args { name } } } } }`,
    );
    const fields = schema.data.__schema.mutationType.fields as {
      name: string;
      args: { name: string }[];
    }[];
    // The mutations naming another account: following it, lifting a suspension, and an admin's
    // role change. None takes anything but the id and roles.
    const aboutAnother = fields.filter(field => field.args.some(arg => arg.name === 'userId'));
    expect(aboutAnother.map(field => [field.name, field.args.map(arg => arg.name)])).toEqual([
      ['followUser', ['userId']],
      ['unfollowUser', ['userId']],
      ['unsuspendUser', ['userId']],
      ['setUserRoles', ['roles', 'userId']],
    ]);
    // and suspending one takes its id, an end and a reason: nothing else
    const suspend = await users.query(
      `{ __type(name: "SuspendUserInput") { inputFields { name } } }`,
    );
    expect(suspend.data.__type.inputFields.map((field: { name: string }) => field.name)).toEqual([
      'userId',
      'until',
      'reason',
    ]);
  });
});
