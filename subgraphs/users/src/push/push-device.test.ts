import { SIGN_OUT, startUsers, type UsersHarness } from '../../test/harness';
import { MAX_PUSH_DEVICES } from './push-device.service';

// registerPushDevice / unregisterPushDevice through the real users subgraph on PostgreSQL.
const REGISTER = `mutation($input: RegisterPushDeviceInput!) {
  registerPushDevice(input: $input) { id token platform createdAt lastSeenAt } }`;
const UNREGISTER = `mutation($token: String!) { unregisterPushDevice(token: $token) }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { kind inApp email push } }`;

let sequence = 0;
const newToken = () =>
  `ExponentPushToken[dev${process.env.JEST_WORKER_ID ?? 0}x${(sequence += 1)}x${Math.random().toString(36).slice(2, 10)}]`;

describe('push devices', () => {
  let users: UsersHarness;
  beforeAll(async () => {
    users = await startUsers();
  });
  afterAll(() => users?.stop());

  const devicesOf = async (userId: string) =>
    (
      await users.sql.query(
        `select "token", "platform", "session_id" from "users"."push_device" where "user_id" = $1 order by "last_seen_at"`,
        [userId],
      )
    ).rows as { token: string; platform: string; session_id: string }[];

  it('registers a token to the signed-in account, again and again as one device', async () => {
    const account = await users.signUp();
    const token = newToken();
    const first = await users.query(
      REGISTER,
      { input: { token, platform: 'IOS' } },
      account.accessToken,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.registerPushDevice).toMatchObject({ token, platform: 'IOS' });

    const again = await users.query(
      REGISTER,
      { input: { token, platform: 'IOS' } },
      account.accessToken,
    );
    expect(again.data.registerPushDevice.id).toBe(first.data.registerPushDevice.id);
    expect(Date.parse(again.data.registerPushDevice.lastSeenAt)).toBeGreaterThanOrEqual(
      Date.parse(first.data.registerPushDevice.lastSeenAt),
    );
    expect(again.data.registerPushDevice.createdAt).toBe(first.data.registerPushDevice.createdAt);
    expect(await devicesOf(account.user.id)).toEqual([
      expect.objectContaining({ token, platform: 'IOS' }),
    ]);
  });

  it('moves a token registered again by another account to that account', async () => {
    const [before, after] = [await users.signUp(), await users.signUp()];
    const token = newToken();
    await users.query(REGISTER, { input: { token, platform: 'ANDROID' } }, before.accessToken);
    const moved = await users.query(
      REGISTER,
      { input: { token, platform: 'ANDROID' } },
      after.accessToken,
    );
    expect(moved.errors).toBeUndefined();
    expect(await devicesOf(before.user.id)).toEqual([]);
    expect(await devicesOf(after.user.id)).toEqual([
      expect.objectContaining({ token, platform: 'ANDROID' }),
    ]);
  });

  it("unregisters only the account's own token; another's is left alone and tells nothing", async () => {
    const [owner, other] = [await users.signUp(), await users.signUp()];
    const token = newToken();
    await users.query(REGISTER, { input: { token, platform: 'IOS' } }, owner.accessToken);

    const foreign = await users.query(UNREGISTER, { token }, other.accessToken);
    expect(foreign).toMatchObject({ data: { unregisterPushDevice: false } });
    expect(foreign.errors).toBeUndefined();
    const unknown = await users.query(UNREGISTER, { token: newToken() }, other.accessToken);
    expect(unknown).toMatchObject({ data: { unregisterPushDevice: false } });
    expect(unknown.errors).toBeUndefined();
    expect(await devicesOf(owner.user.id)).toHaveLength(1);

    const own = await users.query(UNREGISTER, { token }, owner.accessToken);
    expect(own).toMatchObject({ data: { unregisterPushDevice: true } });
    expect(own.errors).toBeUndefined();
    expect(await devicesOf(owner.user.id)).toEqual([]);
  });

  it.each([
    [
      'not an Expo token',
      'apns-device-token-1234',
      'Not an Expo push token (ExponentPushToken[…]).',
    ],
    ['empty brackets', 'ExponentPushToken[]', 'Not an Expo push token (ExponentPushToken[…]).'],
    ['too long', `ExponentPushToken[${'a'.repeat(200)}]`, 'At most 200 characters.'],
  ])('refuses a bad token (%s) with BAD_USER_INPUT on the field', async (_case, token, message) => {
    const account = await users.signUp();
    const register = await users.query(
      REGISTER,
      { input: { token, platform: 'IOS' } },
      account.accessToken,
    );
    expect(register.data).toBeNull();
    expect(register.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'input.token', message }],
    });
    const unregister = await users.query(UNREGISTER, { token }, account.accessToken);
    expect(unregister.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'token', message }],
    });
    expect(await devicesOf(account.user.id)).toEqual([]);
  });

  it('refuses the signed out, and a session that ended', async () => {
    const token = newToken();
    const anonymous = await users.query(REGISTER, { input: { token, platform: 'IOS' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await users.query(UNREGISTER, { token })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const account = await users.signUp();
    await users.query(SIGN_OUT, { token: account.refreshToken });
    const ended = await users.query(
      REGISTER,
      { input: { token, platform: 'IOS' } },
      account.accessToken,
    );
    expect(ended.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await users.count('push_device', 'token = $1', [token])).toBe(0);
  });

  it(`keeps at most ${MAX_PUSH_DEVICES} devices per account, dropping the longest unseen`, async () => {
    const account = await users.signUp();
    const tokens = Array.from({ length: MAX_PUSH_DEVICES + 2 }, newToken);
    for (const token of tokens) {
      const response = await users.query(
        REGISTER,
        { input: { token, platform: 'ANDROID' } },
        account.accessToken,
      );
      expect(response.errors).toBeUndefined();
    }
    expect((await devicesOf(account.user.id)).map(device => device.token)).toEqual(tokens.slice(2));
  });

  it('no longer counts a device live once its session is signed out', async () => {
    const account = await users.signUp();
    await users.query(
      REGISTER,
      { input: { token: newToken(), platform: 'IOS' } },
      account.accessToken,
    );
    expect(await devicesOf(account.user.id)).toHaveLength(1);
    // signing out revokes the session (the row stays): the push job skips its devices
    await users.query(SIGN_OUT, { token: account.refreshToken });
    const live = await users.count(
      'push_device',
      `user_id = $1 and session_id in (select id from users.session where revoked_at is null)`,
      [account.user.id],
    );
    expect(live).toBe(0);
  });

  it('has a push choice per kind, on by default, changed like the others', async () => {
    const account = await users.signUp();
    const settings = await users.query(
      `{ me { notificationSettings { kind inApp email push } } }`,
      {},
      account.accessToken,
    );
    expect(settings.data.me.notificationSettings).toContainEqual({
      kind: 'NEW_VIDEO',
      inApp: true,
      email: false,
      push: true,
    });
    const off = await users.query(
      SETTINGS,
      { input: { kind: 'NEW_VIDEO', push: false } },
      account.accessToken,
    );
    expect(off.data.updateNotificationSettings).toEqual({
      kind: 'NEW_VIDEO',
      inApp: true,
      email: false,
      push: false,
    });
    const emailOnly = await users.query(
      SETTINGS,
      { input: { kind: 'NEW_VIDEO', email: true } },
      account.accessToken,
    );
    expect(emailOnly.data.updateNotificationSettings.push).toBe(false); // left out: kept
  });
});
