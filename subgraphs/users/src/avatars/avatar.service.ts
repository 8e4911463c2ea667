import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput } from '@vp/kit';
import { CACHE_IMMUTABLE } from '@vp/media';
import { isUuid, requireAccount } from '../accounts/account-access';
import type { User } from '../accounts/user.entity';
import type { UsersContext } from '../context';
import { AVATAR_SIZES, AvatarRejected, renderAvatar } from './avatar-image';
import { AVATAR_MAX_BYTES, type AvatarUpload, type CreateAvatarUploadInput } from './avatar.types';

const UPLOAD_TTL_SECONDS = 15 * 60;
const DAY_MS = 24 * 3600 * 1000;

/** Where an upload waits to be checked: under its owner's id, so nobody completes another's. */
export const incomingKey = (userId: string, uploadId: string) =>
  `avatars/${userId}/incoming/${uploadId}`;
const fileName = (size: number) => `${size}.webp`;

/**
 * A signed, single-use PUT target for the signed-in account's next avatar. The upload is recorded
 * (`avatar_upload`) so that housekeeping can delete its file if it is never completed.
 */
export async function createAvatarUpload(
  ctx: UsersContext,
  input: CreateAvatarUploadInput,
): Promise<AvatarUpload> {
  const { user } = await requireAccount(ctx);
  const uploadId = randomUUID();
  await ctx.em.execute(
    `insert into "users"."avatar_upload" ("id", "user_id", "created_at") values (?, ?, now())`,
    [uploadId, user.id],
  );
  const target = await ctx.avatars.storage.createUploadTarget(incomingKey(user.id, uploadId), {
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    expiresInSeconds: UPLOAD_TTL_SECONDS,
  });
  return { uploadId, ...target };
}

/**
 * Checks the uploaded file (stored size, magic bytes, decodable, not a pixel bomb), stores its
 * square re-encodings under a fresh prefix and makes them the account's avatar; the previous
 * avatar's files are deleted only then. A refused file is deleted and the previous avatar kept.
 */
export async function completeAvatarUpload(ctx: UsersContext, uploadId: string): Promise<User> {
  const { user } = await requireAccount(ctx);
  const { storage } = ctx.avatars;
  const refuse = (message: string) => badInput(message, [{ field: 'uploadId', message }]);
  if (!isUuid(uploadId)) {
    throw refuse('Give the uploadId createAvatarUpload returned.');
  }
  const key = incomingKey(user.id, uploadId);
  const stored = await storage.head(key);
  if (!stored) {
    throw refuse('No file was received for this upload: PUT it to the upload URL first.');
  }
  const work = await mkdtemp(join(tmpdir(), 'avatar-'));
  try {
    if (stored.sizeBytes > AVATAR_MAX_BYTES) {
      throw new AvatarRejected(`The picture is larger than ${AVATAR_MAX_BYTES} bytes (5 MB).`);
    }
    const original = join(work, 'original');
    await storage.download(key, original);
    const rendered = await renderAvatar(await readFile(original), stored.contentType ?? '');
    const prefix = `avatars/${user.id}/${randomUUID()}/`;
    for (const size of AVATAR_SIZES) {
      const file = join(work, fileName(size));
      await writeFile(file, rendered.get(size)!);
      await storage.putFile(`${prefix}${fileName(size)}`, file, {
        contentType: 'image/webp',
        cacheControl: CACHE_IMMUTABLE,
      });
    }
    // One statement swaps the folders and says which was current, so of two completions at once
    // the later one deletes the earlier one's files and none are left behind.
    const [{ previous }] = await ctx.em.execute<{ previous: string | null }[]>(
      `update "users"."user" u set "avatar_prefix" = ?
       from (select "avatar_prefix" from "users"."user" where "id" = ? for update) current
       where u."id" = ? returning current."avatar_prefix" as "previous"`,
      [prefix, user.id, user.id],
    );
    user.avatarPrefix = prefix;
    if (previous) {
      await storage.deletePrefix(previous);
    }
    return user;
  } catch (error) {
    if (error instanceof AvatarRejected) {
      throw refuse(error.message);
    }
    throw error;
  } finally {
    await storage.deleteObject(key);
    await ctx.em.execute(`delete from "users"."avatar_upload" where "id" = ? and "user_id" = ?`, [
      uploadId,
      user.id,
    ]);
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The 256×256 WebP's URL, or null without an avatar. Signed until the end of tomorrow (UTC), so
 * the URL stays the same all day and browsers and CDNs can cache it.
 */
export function avatarUrlOf(ctx: UsersContext, user: User): string | null {
  if (!user.avatarPrefix) {
    return null;
  }
  const expiresAt = new Date((Math.floor(Date.now() / DAY_MS) + 2) * DAY_MS);
  return ctx.avatars.signer.signFile(user.avatarPrefix, fileName(AVATAR_SIZES[0]), expiresAt);
}
