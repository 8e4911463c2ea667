import { errorCodes } from '@vp/kit/testing';
import { SIGN_UP, startUsers, type UsersHarness } from '../../test/harness';
import {
  ageOn,
  birthDateProblem,
  emailProblem,
  isCommonPassword,
  normaliseEmail,
  passwordProblem,
} from './account-rules';

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users.stop());

const isoDaysAgo = (years: number, days = 0) => {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Signs up with one bad field and checks it is refused on that field with nothing stored. */
async function expectRefused(overrides: Record<string, unknown>, field: string) {
  const before = {
    users: await users.count('user'),
    sessions: await users.count('session'),
    tokens: await users.count('refresh_token'),
  };
  const response = await users.query(SIGN_UP, { input: { ...users.newAccount(), ...overrides } });
  expect(response.data?.signUp ?? null).toBeNull();
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  const problems = response.errors![0].extensions!.problems as { field: string; message: string }[];
  expect(problems.map(problem => problem.field)).toEqual([`input.${field}`]);
  expect(problems[0].message).toEqual(expect.any(String));
  expect({
    users: await users.count('user'),
    sessions: await users.count('session'),
    tokens: await users.count('refresh_token'),
  }).toEqual(before);
  return response;
}

describe('signUp refuses bad input with a per-field problem and stores nothing', () => {
  it.each([
    ['no @', 'person.example.com'],
    ['no domain dot', 'person@localhost'],
    ['empty', '   '],
    ['two @', 'a@b@example.com'],
    ['double dot', 'a..b@example.com'],
    ['space inside', 'a b@example.com'],
    [
      'over 254 characters',
      `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`,
    ],
    ['a 200 kB string', 'a'.repeat(200_000)],
  ])('an email with %s', async (_what, email) => {
    await expectRefused({ email }, 'email');
  });

  it.each([
    ['9 characters', 'Tr0ub4dor'],
    ['129 characters', 'x'.repeat(129)],
    ['a common password', '1234567890'],
    ['a common password in other case', 'BasketBall'],
    ['the same as the handle', 'the_handle_itself'],
  ])('a password of %s', async (_what, password) => {
    await expectRefused({ password, handle: 'the_handle_itself' }, 'password');
  });

  it.each([
    ['2 characters', 'ab'],
    ['31 characters', 'a'.repeat(31)],
    ['a hyphen', 'the-handle'],
    ['a dot', 'the.handle'],
    ['non-ASCII letters', 'tête_à_tête'],
  ])('a handle with %s', async (_what, handle) => {
    await expectRefused({ handle }, 'handle');
  });

  it.each([
    ['nothing but spaces', '    '],
    ['51 characters', 'n'.repeat(51)],
    ['a newline', 'two\nlines'],
    ['a right-to-left override', 'evil\u202Ename'],
  ])('a display name of %s', async (_what, displayName) => {
    await expectRefused({ displayName }, 'displayName');
  });

  it.each([
    ['not a date', 'yesterday'],
    ['another format', '21/04/1990'],
    ['a day that does not exist', '2001-02-29'],
    ['the future', isoDaysAgo(-1)],
    ['an age of 12', isoDaysAgo(13, 1)],
    ['before 1900', '1899-12-31'],
  ])('a birth date of %s', async (_what, birthDate) => {
    await expectRefused({ birthDate }, 'birthDate');
  });

  it('lists every bad field at once', async () => {
    const before = await users.count('user');
    const response = await users.query(SIGN_UP, {
      input: { email: 'nope', password: 'short', handle: '!', displayName: '', birthDate: 'x' },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const fields = (response.errors![0].extensions!.problems as { field: string }[]).map(
      p => p.field,
    );
    expect(fields).toEqual([
      'input.email',
      'input.password',
      'input.handle',
      'input.displayName',
      'input.birthDate',
    ]);
    expect(await users.count('user')).toBe(before);
  });

  it('answers an empty and a whitespace-only field the same way', async () => {
    const before = await users.count('user');
    const signUp = (blanks: Record<string, string>) =>
      users.query(SIGN_UP, { input: { ...users.newAccount(), ...blanks } });
    const empty = await signUp({ email: '', displayName: '' });
    const blank = await signUp({ email: '   ', displayName: ' \t ' });
    expect(blank.errors).toEqual(empty.errors);
    expect(empty.errors![0].extensions!.problems).toEqual([
      { field: 'input.email', message: 'Required.' },
      { field: 'input.displayName', message: 'Required.' },
    ]);
    expect(await users.count('user')).toBe(before);
  });

  it('refuses wrong types and missing fields before any resolver runs', async () => {
    const before = await users.count('user');
    const { email: _email, ...withoutEmail } = users.newAccount();
    for (const input of [
      withoutEmail,
      { ...users.newAccount(), birthDate: 19900421 },
      { ...users.newAccount(), email: null },
    ]) {
      const response = await users.query(SIGN_UP, { input });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await users.count('user')).toBe(before);
  });
});

describe('signUp uniqueness', () => {
  it('refuses a second sign-up with the same email in other case, without naming the account', async () => {
    const { input } = await users.signUp();
    const before = await users.count('user');
    const response = await expectRefused({ email: input.email.toUpperCase() }, 'email');
    expect(JSON.stringify(response)).not.toContain(input.handle);
    expect(await users.count('user')).toBe(before);
  });

  it('refuses a handle taken in other case', async () => {
    const { input } = await users.signUp();
    await expectRefused({ handle: input.handle.toUpperCase() }, 'handle');
  });

  it('lets exactly one of two simultaneous sign-ups with the same email through', async () => {
    const email = `race-${Date.now()}@example.com`;
    const results = await Promise.all(
      [1, 2, 3].map(() => users.query(SIGN_UP, { input: users.newAccount({ email }) })),
    );
    expect(results.filter(result => result.data?.signUp)).toHaveLength(1);
    for (const refused of results.filter(result => !result.data?.signUp)) {
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await users.count('user', 'email = $1', [email])).toBe(1);
  });

  it('accepts the edges: 10 and 128 character passwords, 3 and 30 character handles, age 13 today', async () => {
    const short = await users.signUp({
      password: 'a quiet ox',
      handle: 'abc',
      birthDate: isoDaysAgo(13),
    });
    expect(short.user.handle).toBe('abc');
    const long = await users.signUp({
      password: 'p'.repeat(127) + 'ü',
      handle: 'h'.repeat(30),
      displayName: '  名前  ',
    });
    expect(long.user.handle).toBe('h'.repeat(30));
    const stored = await users.sql.query('select display_name from users."user" where id = $1', [
      long.user.id,
    ]);
    expect(stored.rows[0].display_name).toBe('名前');
  });
});

describe('account rules', () => {
  it('normalises emails and knows the common-password list', () => {
    expect(emailProblem(' A.B+tag@Mail.Example.ORG ')).toBeNull();
    expect(normaliseEmail(' A.B+tag@Mail.Example.ORG ')).toBe('a.b+tag@mail.example.org');
    expect(isCommonPassword('PASSWORD123')).toBe(true);
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
    expect(passwordProblem('qwertyuiop')).toMatch(/common/);
  });

  it('counts age in whole years, a leap-day birthday on 1 March', () => {
    expect(ageOn({ year: 2012, month: 2, day: 29 }, new Date('2025-02-28T12:00:00Z'))).toBe(12);
    expect(ageOn({ year: 2012, month: 2, day: 29 }, new Date('2025-03-01T00:00:00Z'))).toBe(13);
    expect(birthDateProblem('2012-02-29', new Date('2025-03-01T00:00:00Z'))).toBeNull();
  });
});
