import { errorCodes } from '@vp/kit/testing';
import { startUsers, type UsersHarness } from '../../test/harness';

const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio } }`;

let users: UsersHarness;

beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

async function storedProfile(userId: string) {
  const { rows } = await users.sql.query(
    `select display_name as "displayName", bio from users."user" where id = $1`,
    [userId],
  );
  return rows[0];
}

describe('updateProfile', () => {
  it('changes the display name and bio (trimmed), and leaves out what is not sent', async () => {
    const account = await users.signUp({ displayName: 'Before' });
    // Exactly 1,000 characters as people count them (the emoji is one), line breaks allowed.
    const opening = 'Films about trains.\nMostly in Hokkaido 🚂 ';
    const bio = opening + 'あ'.repeat(1000 - [...opening].length);
    const both = await users.query(
      UPDATE,
      { input: { displayName: '  花子 Hanako  ', bio: `  ${bio}  ` } },
      account.accessToken,
    );
    expect(both.errors).toBeUndefined();
    expect(both.data.updateProfile).toEqual({
      id: account.user.id,
      displayName: '花子 Hanako',
      bio,
    });
    const bioOnly = await users.query(UPDATE, { input: { bio: '' } }, account.accessToken);
    expect(bioOnly.data.updateProfile).toEqual({
      id: account.user.id,
      displayName: '花子 Hanako',
      bio: '',
    });
    expect(await storedProfile(account.user.id)).toEqual({ displayName: '花子 Hanako', bio: '' });
    const publicView = await users.query(`query ($id: ID!) { user(id: $id) { displayName bio } }`, {
      id: account.user.id,
    });
    expect(publicView.data.user).toEqual({ displayName: '花子 Hanako', bio: '' });
  });

  it('refuses bad input field by field and keeps what was stored', async () => {
    const account = await users.signUp({ displayName: 'Kept' });
    await users.query(UPDATE, { input: { bio: 'Kept bio' } }, account.accessToken);
    const problemsOf = async (input: unknown) => {
      const response = await users.query(UPDATE, { input }, account.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      return response.errors![0].extensions!.problems;
    };

    expect(await problemsOf({ displayName: '   ' })).toEqual([
      { field: 'input.displayName', message: 'Use 1 to 50 characters.' },
    ]);
    expect(await problemsOf({ displayName: 'x'.repeat(51) })).toEqual([
      { field: 'input.displayName', message: 'Use 1 to 50 characters.' },
    ]);
    expect(await problemsOf({ displayName: 'Two\nlines' })).toEqual([
      { field: 'input.displayName', message: 'Use visible characters only.' },
    ]);
    expect(await problemsOf({ bio: 'b'.repeat(1001) })).toEqual([
      { field: 'input.bio', message: 'At most 1000 characters.' },
    ]);
    expect(await problemsOf({ bio: 'bell \u0007 here' })).toEqual([
      { field: 'input.bio', message: 'Plain text only, without control characters.' },
    ]);
    expect(await problemsOf({ displayName: '', bio: 'escape \u001b here' })).toEqual([
      { field: 'input.displayName', message: 'Use 1 to 50 characters.' },
      { field: 'input.bio', message: 'Plain text only, without control characters.' },
    ]);
    // NUL never reaches the resolver: every subgraph refuses it first (kit unstorable-text)
    expect(await problemsOf({ displayName: '', bio: 'nul \u0000' })).toEqual([
      { field: 'input.bio', message: 'No NUL character or lone surrogate.' },
    ]);
    // Wrong types and unknown fields are refused by the schema.
    for (const input of [{ bio: 42 }, { displayName: ['a'] }, { avatarUrl: 'http://x' }]) {
      expect(errorCodes(await users.query(UPDATE, { input }, account.accessToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(await storedProfile(account.user.id)).toEqual({ displayName: 'Kept', bio: 'Kept bio' });
  });

  it('is for the signed-in account only', async () => {
    const response = await users.query(UPDATE, { input: { bio: 'anonymous' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    const { rows } = await users.sql.query(
      `select count(*)::int as n from users."user" where bio = 'anonymous'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('gives avatarUrl as null until an avatar is uploaded', async () => {
    const account = await users.signUp();
    const response = await users.query(`{ me { avatarUrl } }`, {}, account.accessToken);
    expect(response.data.me).toEqual({ avatarUrl: null });
  });
});
