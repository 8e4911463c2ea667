import { errorCodes } from '@vp/kit/testing';
import argon2 from 'argon2';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  GOOD_PASSWORD,
  ME,
  REFRESH,
  SIGN_OUT,
  SIGN_UP,
  startUsers,
  type UsersHarness,
} from '../../test/harness';

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users.stop());

describe('signUp', () => {
  it('hashes the password whether or not the email is registered (no timing tell)', async () => {
    const taken = await users.signUp();
    const hash = jest.spyOn(argon2, 'hash');
    try {
      await users.signUp();
      expect(hash).toHaveBeenCalledTimes(1);
      hash.mockClear();
      const refused = await users.query(SIGN_UP, {
        input: users.newAccount({ email: taken.input.email.toUpperCase() }),
      });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      // the same argon2 work as an account made; bench/ measures that the times match
      expect(hash).toHaveBeenCalledTimes(1);
    } finally {
      hash.mockRestore();
    }
  });

  it('creates the account, answers tokens that work, and stores only an argon2id hash', async () => {
    const { input, accessToken, refreshToken, accessTokenExpiresAt, user } = await users.signUp({
      email: '  New.Person@Example.COM ',
      handle: 'New_Person',
    });
    expect(user.handle).toBe('new_person');
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const expiresIn = new Date(accessTokenExpiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

    const header = decodeProtectedHeader(accessToken);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(header.kid).toBeTruthy();
    const claims = decodeJwt(accessToken);
    expect(claims.sub).toBe(user.id);

    const me = await users.query(ME, {}, accessToken);
    expect(me.data.me).toMatchObject({
      id: user.id,
      handle: 'new_person',
      email: 'new.person@example.com',
      birthDate: input.birthDate,
      roles: ['VIEWER'],
      emailVerified: false,
    });

    const row = (await users.sql.query('select * from users."user" where id = $1', [user.id]))
      .rows[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await argon2.verify(row.password_hash, GOOD_PASSWORD)).toBe(true);
    const session = (
      await users.sql.query('select * from users.session where user_id = $1', [user.id])
    ).rows[0];
    expect(claims.sid).toBe(session.id);
    const days = (session.expires_at.getTime() - session.created_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
    const tokens = (
      await users.sql.query('select token_hash from users.refresh_token where session_id = $1', [
        session.id,
      ])
    ).rows;
    expect(tokens).toHaveLength(1);
    expect(tokens[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0].token_hash).not.toContain(refreshToken);
  });
});

describe('signIn', () => {
  it('signs in with the email in any case and spacing', async () => {
    const { input, user } = await users.signUp();
    const response = await users.signIn(`  ${input.email.toUpperCase()}`, GOOD_PASSWORD);
    expect(response.data.signIn.user.id).toBe(user.id);
    expect((await users.query(ME, {}, response.data.signIn.accessToken)).data.me.id).toBe(user.id);
  });

  it('gives the same answer for a wrong password and for an unknown email', async () => {
    const { input } = await users.signUp();
    const wrong = await users.signIn(input.email, 'not the right password');
    const unknown = await users.signIn(`nobody-${Date.now()}@example.com`, GOOD_PASSWORD);
    for (const response of [wrong, unknown]) {
      expect(response.data).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].message).toBe('Email or password is incorrect.');
      expect(response.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
  });

  it('does not accept a password that only shares a long prefix with the real one', async () => {
    const long = 'x'.repeat(72) + ' the rest matters';
    const { input } = await users.signUp({ password: long });
    expect(errorCodes(await users.signIn(input.email, 'x'.repeat(72) + ' something else'))).toEqual(
      ['UNAUTHENTICATED'],
    );
    expect((await users.signIn(input.email, long)).data.signIn.accessToken).toBeTruthy();
  });
});

describe('refreshSession', () => {
  it('rotates: the new pair works, the access token keeps the session id', async () => {
    const first = await users.signUp();
    const refreshed = await users.query(REFRESH, { token: first.refreshToken });
    const next = refreshed.data.refreshSession;
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user.id).toBe(first.user.id);
    expect(decodeJwt(next.accessToken).sid).toBe(decodeJwt(first.accessToken).sid);
    expect((await users.query(ME, {}, next.accessToken)).data.me.id).toBe(first.user.id);
    const again = await users.query(REFRESH, { token: next.refreshToken });
    expect(again.data.refreshSession.refreshToken).toBeTruthy();
  });

  it('on reuse of a rotated token revokes the whole family: old and new tokens are refused', async () => {
    const first = await users.signUp();
    const second = (await users.query(REFRESH, { token: first.refreshToken })).data.refreshSession;

    const reuse = await users.query(REFRESH, { token: first.refreshToken });
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);

    expect(errorCodes(await users.query(REFRESH, { token: second.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await users.query(REFRESH, { token: first.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await users.query(ME, {}, second.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await users.query(ME, {}, first.accessToken))).toEqual(['UNAUTHENTICATED']);
    const sid = decodeJwt(first.accessToken).sid;
    const session = (
      await users.sql.query('select revoked_at, revoked_reason from users.session where id = $1', [
        sid,
      ])
    ).rows[0];
    expect(session.revoked_at).not.toBeNull();
    expect(session.revoked_reason).toBe('REFRESH_TOKEN_REUSED');
  });

  it('lets only one of two concurrent uses of the same token win', async () => {
    const first = await users.signUp();
    const results = await Promise.all([
      users.query(REFRESH, { token: first.refreshToken }),
      users.query(REFRESH, { token: first.refreshToken }),
    ]);
    const winners = results.filter(result => result.data?.refreshSession);
    expect(winners).toHaveLength(1);
    // The loser counts as reuse, so the winner's tokens are dead too.
    for (const winner of winners) {
      expect(
        errorCodes(await users.query(REFRESH, { token: winner.data.refreshSession.refreshToken })),
      ).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses unknown, empty and huge tokens, and one past the family expiry', async () => {
    for (const token of ['nope', '', 'A'.repeat(10_000)]) {
      expect(errorCodes(await users.query(REFRESH, { token }))).toEqual(['UNAUTHENTICATED']);
    }
    const first = await users.signUp();
    await users.sql.query(
      `update users.session set expires_at = now() - interval '1 second' where user_id = $1`,
      [first.user.id],
    );
    expect(errorCodes(await users.query(REFRESH, { token: first.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await users.query(ME, {}, first.accessToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an access token presented as a refresh token', async () => {
    const first = await users.signUp();
    expect(errorCodes(await users.query(REFRESH, { token: first.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe('signOut', () => {
  it('ends the session at once for this subgraph, and only that session', async () => {
    const { input, refreshToken, accessToken } = await users.signUp();
    const other = (await users.signIn(input.email, GOOD_PASSWORD)).data.signIn;

    expect((await users.query(SIGN_OUT, { token: refreshToken })).data.signOut).toBe(true);
    expect(errorCodes(await users.query(ME, {}, accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await users.query(REFRESH, { token: refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);

    expect((await users.query(ME, {}, other.accessToken)).data.me.handle).toBe(input.handle);
    expect(
      (await users.query(REFRESH, { token: other.refreshToken })).data.refreshSession,
    ).toBeTruthy();
  });

  it('revokes the family even when given an already-rotated token of it', async () => {
    const first = await users.signUp();
    const second = (await users.query(REFRESH, { token: first.refreshToken })).data.refreshSession;
    expect((await users.query(SIGN_OUT, { token: first.refreshToken })).data.signOut).toBe(true);
    expect(errorCodes(await users.query(ME, {}, second.accessToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers true for a token it does not know', async () => {
    expect((await users.query(SIGN_OUT, { token: 'unknown' })).data.signOut).toBe(true);
  });
});

describe('me', () => {
  it('refuses anonymous callers', async () => {
    expect(errorCodes(await users.query(ME))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('user', () => {
  it('finds an account by id or by handle in any case, and null for neither', async () => {
    const { user } = await users.signUp();
    const byId = await users.query(`query($id: ID) { user(id: $id) { handle } }`, { id: user.id });
    expect(byId.data.user.handle).toBe(user.handle);
    const byHandle = await users.query(`query($h: String) { user(handle: $h) { id } }`, {
      h: user.handle.toUpperCase(),
    });
    expect(byHandle.data.user.id).toBe(user.id);
    expect((await users.query(`{ user(id: "not-a-uuid") { id } }`)).data.user).toBeNull();
    expect(
      (await users.query(`{ user(handle: "${'z'.repeat(500)}") { id } }`)).data.user,
    ).toBeNull();
    expect(errorCodes(await users.query(`{ user { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await users.query(`query($id: ID) { user(id: $id, handle: "a") { id } }`, { id: user.id }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
