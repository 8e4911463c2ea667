import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCodes, handmadePng } from '@vp/kit/testing';
import sharp from 'sharp';
import { startUsers, type UsersHarness } from '../../test/harness';
import { AVATAR_MAX_BYTES } from './avatar.types';

jest.setTimeout(30_000);

const CREATE = `mutation ($input: CreateAvatarUploadInput!) {
  createAvatarUpload(input: $input) { uploadId url method headers { name value } expiresAt } }`;
const COMPLETE = `mutation ($id: ID!) { completeAvatarUpload(uploadId: $id) { id avatarUrl } }`;

let users: UsersHarness;

beforeAll(async () => {
  users = await startUsers({ uploads: true });
});
afterAll(() => users?.stop());

/** A 400×300 picture: a red left half and a blue right half, so the centre crop is visible. */
function picture(format: 'png' | 'jpeg', width = 400, height = 300) {
  const half = Math.floor(width / 2);
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } })
    .composite([
      {
        input: {
          create: { width: width - half, height, channels: 3, background: '#0000ff' },
        },
        left: half,
        top: 0,
      },
    ])
    .withMetadata({ exif: { IFD0: { Make: 'SecretCam', Copyright: 'Someone' } } })
    [format]()
    .toBuffer();
}

async function upload(
  token: string,
  body: Buffer,
  contentType: string,
  declaredSize = body.length,
) {
  const created = await users.query(
    CREATE,
    { input: { contentType, sizeBytes: declaredSize } },
    token,
  );
  expect(created.errors).toBeUndefined();
  const target = created.data.createAvatarUpload;
  const put = await fetch(target.url, {
    method: target.method,
    headers: Object.fromEntries(
      target.headers.map((header: { name: string; value: string }) => [header.name, header.value]),
    ),
    body: new Uint8Array(body),
  });
  expect(put.status).toBe(201);
  return target.uploadId as string;
}

async function setAvatar(token: string, body: Buffer, contentType: string) {
  const response = await users.query(
    COMPLETE,
    { id: await upload(token, body, contentType) },
    token,
  );
  return response;
}

/** The keys stored under an account's avatar folder (local storage is a folder of files). */
async function storedFiles(userId: string): Promise<string[]> {
  const root = join(users.dataDir, 'media', 'avatars', userId);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter(entry => entry.isFile() && !entry.name.startsWith('.'))
    .map(entry => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

async function storedPrefix(userId: string) {
  const { rows } = await users.sql.query(
    `select avatar_prefix as "prefix" from users."user" where id = $1`,
    [userId],
  );
  return rows[0].prefix as string | null;
}

describe('avatars', () => {
  it('re-encodes an uploaded PNG to a square 256×256 WebP without metadata, served at avatarUrl', async () => {
    const account = await users.signUp();
    const response = await setAvatar(account.accessToken, await picture('png'), 'image/png');
    expect(response.errors).toBeUndefined();
    const { avatarUrl } = response.data.completeAvatarUpload;
    expect(avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/avatars\/media\//);

    const served = await fetch(avatarUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const image = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(image).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(metadata.exif).toBeUndefined();
    // Centre crop of a red|blue picture: red on the left edge, blue on the right.
    const { data } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number) => [...data.subarray((128 * 256 + x) * 3, (128 * 256 + x) * 3 + 3)];
    expect(pixel(5)[0]).toBeGreaterThan(200);
    expect(pixel(250)[2]).toBeGreaterThan(200);

    const publicView = await users.query(`query ($id: ID!) { user(id: $id) { avatarUrl } }`, {
      id: account.user.id,
    });
    expect(publicView.data.user.avatarUrl).toBe(avatarUrl);
    // Only the re-encodings are kept, never the upload.
    const prefix = (await storedPrefix(account.user.id))!.split('/')[2];
    expect(await storedFiles(account.user.id)).toEqual([`${prefix}/256.webp`, `${prefix}/64.webp`]);
  });

  it('accepts a JPEG, and replacing the avatar deletes the previous files', async () => {
    const account = await users.signUp();
    const first = await setAvatar(account.accessToken, await picture('png', 120, 500), 'image/png');
    expect(first.errors).toBeUndefined();
    const firstPrefix = (await storedPrefix(account.user.id))!;

    const second = await setAvatar(account.accessToken, await picture('jpeg'), 'image/jpeg');
    expect(second.errors).toBeUndefined();
    const secondPrefix = (await storedPrefix(account.user.id))!;
    expect(secondPrefix).not.toBe(firstPrefix);
    const version = secondPrefix.split('/')[2];
    expect(await storedFiles(account.user.id)).toEqual([
      `${version}/256.webp`,
      `${version}/64.webp`,
    ]);

    const image = Buffer.from(
      await (await fetch(second.data.completeAvatarUpload.avatarUrl)).arrayBuffer(),
    );
    expect(await sharp(image).metadata()).toMatchObject({
      format: 'webp',
      width: 256,
      height: 256,
    });
    expect((await fetch(first.data.completeAvatarUpload.avatarUrl)).status).toBe(404);
  });

  it('keeps the files of only one avatar when two are completed at once', async () => {
    const account = await users.signUp();
    const uploads = await Promise.all([
      upload(account.accessToken, await picture('png'), 'image/png'),
      upload(account.accessToken, await picture('jpeg'), 'image/jpeg'),
    ]);
    const responses = await Promise.all(
      uploads.map(id => users.query(COMPLETE, { id }, account.accessToken)),
    );
    expect(responses.map(response => response.errors)).toEqual([undefined, undefined]);
    const version = (await storedPrefix(account.user.id))!.split('/')[2];
    expect(await storedFiles(account.user.id)).toEqual([
      `${version}/256.webp`,
      `${version}/64.webp`,
    ]);
  });

  it('refuses other types and declared sizes over 5 MB before any upload', async () => {
    const account = await users.signUp();
    const problemOf = async (input: Record<string, unknown>) => {
      const response = await users.query(CREATE, { input }, account.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      return response.errors![0].extensions!.problems;
    };
    expect(await problemOf({ contentType: 'image/svg+xml', sizeBytes: 100 })).toEqual([
      { field: 'input.contentType', message: expect.stringMatching(/PNG, JPEG, WebP or GIF/) },
    ]);
    expect(await problemOf({ contentType: 'image/png', sizeBytes: AVATAR_MAX_BYTES + 1 })).toEqual([
      { field: 'input.sizeBytes', message: `A whole number from 1 to ${AVATAR_MAX_BYTES}.` },
    ]);
  });

  it('refuses a file whose bytes are not what was declared, a damaged picture and a pixel bomb, keeping the avatar', async () => {
    const account = await users.signUp();
    const kept = await setAvatar(account.accessToken, await picture('png'), 'image/png');
    const keptPrefix = await storedPrefix(account.user.id);
    const keptFiles = await storedFiles(account.user.id);

    const refusal = async (body: Buffer, contentType: string) => {
      const response = await setAvatar(account.accessToken, body, contentType);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await storedPrefix(account.user.id)).toBe(keptPrefix);
      expect(await storedFiles(account.user.id)).toEqual(keptFiles);
      return response.errors![0].message;
    };

    expect(await refusal(await picture('png'), 'image/jpeg')).toBe(
      'The file is a image/png picture but was declared as image/jpeg.',
    );
    expect(await refusal(Buffer.from('not a picture at all, just text\n'), 'image/png')).toBe(
      'The file is not a PNG, JPEG, WebP or GIF picture.',
    );
    const png = await picture('png');
    expect(await refusal(png.subarray(0, 60), 'image/png')).toMatch(/could not be read/);
    // A few hundred bytes declaring 30000×30000 pixels: refused from its header, never decoded.
    expect(await refusal(handmadePng(30000, 30000, 0, Buffer.alloc(30001)), 'image/png')).toBe(
      'The picture is too large (30000×30000); at most 40 megapixels.',
    );

    const user = await users.query(`query ($id: ID!) { user(id: $id) { avatarUrl } }`, {
      id: account.user.id,
    });
    expect(user.data.user.avatarUrl).toBe(kept.data.completeAvatarUpload.avatarUrl);
  });

  it('refuses a body of another size than declared, and completing before a file arrived', async () => {
    const account = await users.signUp();
    const created = await users.query(
      CREATE,
      { input: { contentType: 'image/png', sizeBytes: 10 } },
      account.accessToken,
    );
    const target = created.data.createAvatarUpload;
    const put = await fetch(target.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(await picture('png')),
    });
    expect(put.status).toBe(400);
    const response = await users.query(COMPLETE, { id: target.uploadId }, account.accessToken);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/No file was received/);
  });

  it('refuses anonymous callers and completing another account’s upload', async () => {
    const anonymous = await users.query(CREATE, {
      input: { contentType: 'image/png', sizeBytes: 100 },
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    const owner = await users.signUp();
    const other = await users.signUp();
    const uploadId = await upload(owner.accessToken, await picture('png'), 'image/png');
    expect(errorCodes(await users.query(COMPLETE, { id: uploadId }))).toEqual(['UNAUTHENTICATED']);
    const stolen = await users.query(COMPLETE, { id: uploadId }, other.accessToken);
    expect(errorCodes(stolen)).toEqual(['BAD_USER_INPUT']);
    expect(await storedPrefix(other.user.id)).toBeNull();
    const own = await users.query(COMPLETE, { id: uploadId }, owner.accessToken);
    expect(own.errors).toBeUndefined();
  });
});
