import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCodes } from '@vp/kit/testing';
import {
  GOOD_PASSWORD,
  ME,
  PUBLIC_WEB_URL,
  REFRESH,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';
import { sha256 } from '../sessions/session.service';

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users.stop());

const VERIFY = `mutation($t: String!) { verifyEmail(token: $t) }`;
const REQUEST_VERIFY = `mutation { requestEmailVerification }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) }`;
const NEW_PASSWORD = 'a brand new passphrase';

describe('email verification', () => {
  it('mails a link at sign-up, built from the configured web URL, that verifies once', async () => {
    const account = await users.signUp(
      {},
      { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    );
    const mail = await users.mailTo(account.input.email);
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.text).toContain(`${PUBLIC_WEB_URL}/verify-email?token=`);
    expect(mail.text).not.toContain('evil.example');
    const token = tokenInLink(mail.text, 'verify-email');
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = await users.sql.query(
      'select token_hash, expires_at, created_at from users.account_token where token_hash = $1',
      [sha256(token)],
    );
    expect(stored.rows).toHaveLength(1);
    const hours = (stored.rows[0].expires_at - stored.rows[0].created_at) / 3_600_000;
    expect(hours).toBeCloseTo(24, 3);
    expect(await users.count('account_token', 'token_hash = $1', [token])).toBe(0);

    expect((await users.query(ME, {}, account.accessToken)).data.me.emailVerified).toBe(false);
    expect((await users.query(VERIFY, { t: token })).data.verifyEmail).toBe(true);
    expect((await users.query(ME, {}, account.accessToken)).data.me.emailVerified).toBe(true);
    expect(errorCodes(await users.query(VERIFY, { t: token }))).toEqual(['BAD_USER_INPUT']);
  });

  it('writes each message as a JSON file in the mailbox folder', async () => {
    const account = await users.signUp();
    await users.mailTo(account.input.email);
    const folder = join(users.dataDir, 'mailbox');
    const files = await readdir(folder);
    const contents = await Promise.all(files.map(file => readFile(join(folder, file), 'utf8')));
    const mine = contents
      .map(text => JSON.parse(text))
      .filter(mail => mail.to === account.input.email);
    expect(mine).toHaveLength(1);
    expect(mine[0].text).toContain('/verify-email?token=');
  });

  it('sends another link on request when signed in, refuses anonymous callers, and limits requests', async () => {
    const account = await users.signUp();
    expect(errorCodes(await users.query(REQUEST_VERIFY))).toEqual(['UNAUTHENTICATED']);
    for (let n = 1; n <= 3; n++) {
      expect(
        (await users.query(REQUEST_VERIFY, {}, account.accessToken)).data.requestEmailVerification,
      ).toBe(true);
    }
    expect(errorCodes(await users.query(REQUEST_VERIFY, {}, account.accessToken))).toEqual([
      'RATE_LIMITED',
    ]);
    const latest = await users.mailTo(account.input.email, 4);
    expect(
      (await users.query(VERIFY, { t: tokenInLink(latest.text, 'verify-email') })).data.verifyEmail,
    ).toBe(true);
    expect(errorCodes(await users.query(REQUEST_VERIFY, {}, account.accessToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses an expired token and an unknown one', async () => {
    const account = await users.signUp();
    const token = tokenInLink((await users.mailTo(account.input.email)).text, 'verify-email');
    await users.sql.query(
      `update users.account_token set expires_at = now() - interval '1 second' where token_hash = $1`,
      [sha256(token)],
    );
    expect(errorCodes(await users.query(VERIFY, { t: token }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await users.query(VERIFY, { t: 'made-up' }))).toEqual(['BAD_USER_INPUT']);
    expect((await users.query(ME, {}, account.accessToken)).data.me.emailVerified).toBe(false);
  });

  it('does not take a password-reset token as a verification token', async () => {
    const account = await users.signUp();
    await users.query(REQUEST_RESET, { e: account.input.email });
    const reset = await users.mailTo(account.input.email, 2);
    expect(
      errorCodes(await users.query(VERIFY, { t: tokenInLink(reset.text, 'reset-password') })),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('password reset', () => {
  it('answers true for unknown and known emails alike, and mails only the account', async () => {
    const account = await users.signUp();
    const unknown = `nobody-${Date.now()}@example.com`;
    const tokensBefore = await users.count('account_token');
    expect((await users.query(REQUEST_RESET, { e: unknown })).data.requestPasswordReset).toBe(true);
    expect(await users.count('account_token')).toBe(tokensBefore);
    expect(
      (await users.query(REQUEST_RESET, { e: ` ${account.input.email.toUpperCase()} ` })).data
        .requestPasswordReset,
    ).toBe(true);
    const mail = await users.mailTo(account.input.email, 2);
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.text).toContain(`${PUBLIC_WEB_URL}/reset-password?token=`);
    // An unknown address returns before any token or mail is made (the token count shows it).
    expect(users.mailbox.messages(unknown)).toHaveLength(0);
  });

  it('sets the new password once, revokes every session, and refuses the old password', async () => {
    const account = await users.signUp();
    const second = (await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn;
    await users.query(REQUEST_RESET, { e: account.input.email });
    const token = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    const row = await users.sql.query(
      'select expires_at, created_at from users.account_token where token_hash = $1',
      [sha256(token)],
    );
    expect((row.rows[0].expires_at - row.rows[0].created_at) / 60_000).toBeCloseTo(30, 3);

    expect((await users.query(RESET, { t: token, p: NEW_PASSWORD })).data.resetPassword).toBe(true);

    for (const session of [account, second]) {
      expect(errorCodes(await users.query(ME, {}, session.accessToken))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(errorCodes(await users.query(REFRESH, { token: session.refreshToken }))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    expect(
      await users.count('session', 'user_id = $1 and revoked_at is null', [account.user.id]),
    ).toBe(0);
    expect(errorCodes(await users.signIn(account.input.email, GOOD_PASSWORD))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect((await users.signIn(account.input.email, NEW_PASSWORD)).data.signIn.user.id).toBe(
      account.user.id,
    );

    expect(errorCodes(await users.query(RESET, { t: token, p: 'yet another passphrase' }))).toEqual(
      ['BAD_USER_INPUT'],
    );
    expect((await users.signIn(account.input.email, NEW_PASSWORD)).data.signIn).toBeTruthy();
  });

  it('applies the password rules and keeps the link usable after a refused password', async () => {
    const account = await users.signUp();
    await users.query(REQUEST_RESET, { e: account.input.email });
    const token = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    for (const weak of ['short', 'password1234', account.input.handle, 'x'.repeat(129)]) {
      const response = await users.query(RESET, { t: token, p: weak });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.problems).toEqual([
        { field: 'input.newPassword', message: expect.any(String) },
      ]);
    }
    expect((await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn).toBeTruthy();
    expect((await users.query(RESET, { t: token, p: NEW_PASSWORD })).data.resetPassword).toBe(true);
  });

  it('refuses an expired token, and an older link once a newer one was sent', async () => {
    const account = await users.signUp();
    await users.query(REQUEST_RESET, { e: account.input.email });
    const first = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    await users.query(REQUEST_RESET, { e: account.input.email });
    const second = tokenInLink((await users.mailTo(account.input.email, 3)).text, 'reset-password');
    expect(errorCodes(await users.query(RESET, { t: first, p: NEW_PASSWORD }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    await users.sql.query(
      `update users.account_token set expires_at = now() - interval '1 second' where token_hash = $1`,
      [sha256(second)],
    );
    expect(errorCodes(await users.query(RESET, { t: second, p: NEW_PASSWORD }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await users.signIn(account.input.email, GOOD_PASSWORD)).data.signIn).toBeTruthy();
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const account = await users.signUp();
    await users.query(REQUEST_RESET, { e: account.input.email });
    const token = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    const results = await Promise.all([
      users.query(RESET, { t: token, p: 'first new passphrase' }),
      users.query(RESET, { t: token, p: 'second new passphrase' }),
    ]);
    expect(results.filter(result => result.data?.resetPassword === true)).toHaveLength(1);
  });

  it('mails at most 3 links an hour to one address, still answering true', async () => {
    const account = await users.signUp();
    for (let n = 1; n <= 5; n++) {
      expect(
        (await users.query(REQUEST_RESET, { e: account.input.email })).data.requestPasswordReset,
      ).toBe(true);
    }
    await users.mailTo(account.input.email, 4);
    // Requests over the limit return before sending: no fifth mail can still be on its way.
    expect(users.mailbox.messages(account.input.email)).toHaveLength(4); // the sign-up mail and 3 links
  });

  it('refuses a malformed email with BAD_USER_INPUT', async () => {
    expect(errorCodes(await users.query(REQUEST_RESET, { e: 'not an email' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('unlocks a sign-in lockout', async () => {
    const account = await users.signUp();
    for (let n = 1; n <= 6; n++) {
      await users.signIn(account.input.email, 'wrong password');
    }
    expect(errorCodes(await users.signIn(account.input.email, GOOD_PASSWORD))).toEqual([
      'RATE_LIMITED',
    ]);
    await users.query(REQUEST_RESET, { e: account.input.email });
    const token = tokenInLink((await users.mailTo(account.input.email, 2)).text, 'reset-password');
    await users.query(RESET, { t: token, p: NEW_PASSWORD });
    expect((await users.signIn(account.input.email, NEW_PASSWORD)).data.signIn).toBeTruthy();
  });
});
