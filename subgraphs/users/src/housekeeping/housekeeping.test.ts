import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, handmadePng } from '@vp/kit/testing';
import { joinMessageBus, type MessageBus, startUsers, type UsersHarness } from '../../test/harness';
import { HOUSEKEEPING_CRON, HOUSEKEEPING_QUEUE } from './housekeeping';

// Housekeeping of the users subgraph: abandoned avatar uploads (files and rows) go after 24 hours.
const CREATE = `mutation ($input: CreateAvatarUploadInput!) {
  createAvatarUpload(input: $input) { uploadId url method headers { name value } } }`;
const COMPLETE = `mutation ($id: ID!) { completeAvatarUpload(uploadId: $id) { id avatarUrl } }`;

describe('housekeeping', () => {
  let users: UsersHarness;
  let bus: MessageBus;
  beforeAll(async () => {
    users = await startUsers({ uploads: true });
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
  });

  // 8×8 grey: each row is its filter byte (0) and 8 pixels.
  const png = handmadePng(
    8,
    8,
    0,
    Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill(128)]))),
  );
  /** An upload handed out, and with `put` its file sent. */
  async function upload(token: string, put = true) {
    const created = await users.query(
      CREATE,
      { input: { contentType: 'image/png', sizeBytes: png.length } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const target = created.data.createAvatarUpload;
    if (put) {
      const sent = await fetch(target.url, {
        method: target.method,
        headers: Object.fromEntries(
          target.headers.map((header: { name: string; value: string }) => [
            header.name,
            header.value,
          ]),
        ),
        body: new Uint8Array(png),
      });
      expect(sent.status).toBe(201);
    }
    return target.uploadId as string;
  }
  const fileOf = (userId: string, uploadId: string) =>
    join(users.dataDir, 'media', 'avatars', userId, 'incoming', uploadId);
  const rows = (ids: string[]) => users.count('avatar_upload', 'id = any($1::uuid[])', [ids]);
  const runHousekeeping = async () => {
    const jobId = await bus.messaging.send(HOUSEKEEPING_QUEUE, {});
    await eventually(
      async () =>
        (await users.sql.query(`select "state" from "pgboss"."job" where "id" = $1`, [jobId]))
          .rows[0]?.state,
      { until: state => state === 'completed', what: 'the housekeeping job to complete' },
    );
  };

  it('is scheduled as a durable pg-boss job', async () => {
    const { rows: schedules } = await users.sql.query(
      `select "cron" from "pgboss"."schedule" where "name" = $1`,
      [HOUSEKEEPING_QUEUE],
    );
    expect(schedules).toEqual([{ cron: HOUSEKEEPING_CRON }]);
  });

  it('deletes the files and rows of avatar uploads abandoned for 24 hours, and nothing else', async () => {
    const account = await users.signUp();
    const token = account.accessToken;
    const userId = account.user.id;
    const [abandoned, neverSent, fresh, completed] = [
      await upload(token),
      await upload(token, false),
      await upload(token),
      await upload(token),
    ];
    const done = await users.query(COMPLETE, { id: completed }, token);
    expect(done.errors).toBeUndefined();
    // A completed upload leaves neither its file nor its row.
    expect(await rows([completed])).toBe(0);
    expect(existsSync(fileOf(userId, completed))).toBe(false);
    expect(existsSync(fileOf(userId, abandoned))).toBe(true);

    await users.sql.query(
      `update "users"."avatar_upload" set "created_at" = now() - interval '25 hours'
        where "id" = any($1::uuid[])`,
      [[abandoned, neverSent]],
    );
    await users.sql.query(
      `update "users"."avatar_upload" set "created_at" = now() - interval '23 hours' where "id" = $1`,
      [fresh],
    );
    await runHousekeeping();
    expect(existsSync(fileOf(userId, abandoned))).toBe(false);
    expect(await rows([abandoned, neverSent])).toBe(0);
    expect(existsSync(fileOf(userId, fresh))).toBe(true);
    expect(await rows([fresh])).toBe(1);
    // The avatar itself is untouched, and a second run changes nothing.
    await runHousekeeping();
    const me = await users.query(`{ me { avatarUrl } }`, {}, token);
    expect(me.data.me.avatarUrl).toMatch(/256\.webp/);
    expect(await rows([fresh])).toBe(1);
    // The fresh upload can still be completed.
    expect((await users.query(COMPLETE, { id: fresh }, token)).errors).toBeUndefined();
    expect(await rows([fresh])).toBe(0);
  });
});
