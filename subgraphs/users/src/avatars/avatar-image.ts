import sharp from 'sharp';

/** The square sizes made from every avatar (pixels); the first is what `avatarUrl` serves. */
export const AVATAR_SIZES = [256, 64] as const;

/**
 * Above this many pixels an image is refused before it is decoded: a few-kilobyte PNG can declare
 * 30000×30000 and would take gigabytes to decode (sharp reads the size from the header first).
 */
export const AVATAR_MAX_INPUT_PIXELS = 40_000_000;

export class AvatarRejected extends Error {}

/** What the first bytes of a file say it is, for the types avatars accept. */
export function imageTypeOf(bytes: Buffer): string | null {
  const starts = (signature: number[], at = 0) =>
    bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'image/png';
  }
  if (starts([0xff, 0xd8, 0xff])) {
    return 'image/jpeg';
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  if (starts([0x47, 0x49, 0x46, 0x38])) {
    return 'image/gif';
  }
  return null;
}

/**
 * Checks an uploaded picture and re-encodes it as square WebP images (centre crop), one per size.
 * Only pixels come through: sharp writes no metadata (EXIF, GPS, ICC) unless asked, and the
 * orientation EXIF carried is applied first so the picture is not turned by the stripping.
 */
export async function renderAvatar(
  bytes: Buffer,
  declaredType: string,
): Promise<Map<number, Buffer>> {
  const actual = imageTypeOf(bytes);
  if (!actual) {
    throw new AvatarRejected('The file is not a PNG, JPEG, WebP or GIF picture.');
  }
  if (actual !== declaredType) {
    throw new AvatarRejected(
      `The file is a ${actual} picture but was declared as ${declaredType}.`,
    );
  }
  const source = () =>
    sharp(bytes, { limitInputPixels: AVATAR_MAX_INPUT_PIXELS, failOn: 'error', animated: false });
  let metadata;
  try {
    // Reads the header only; the limit below then refuses with the size named.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AvatarRejected('The picture could not be read; it may be damaged.');
  }
  if (!metadata.width || !metadata.height) {
    throw new AvatarRejected('The picture could not be read; it may be damaged.');
  }
  if (metadata.width * metadata.height > AVATAR_MAX_INPUT_PIXELS) {
    throw new AvatarRejected(
      `The picture is too large (${metadata.width}×${metadata.height}); at most ${AVATAR_MAX_INPUT_PIXELS / 1_000_000} megapixels.`,
    );
  }
  const rendered = new Map<number, Buffer>();
  try {
    for (const size of AVATAR_SIZES) {
      rendered.set(
        size,
        await source()
          .rotate()
          .resize(size, size, { fit: 'cover', position: 'centre' })
          .webp({ quality: 82 })
          .toBuffer(),
      );
    }
  } catch {
    throw new AvatarRejected('The picture could not be read; it may be damaged.');
  }
  return rendered;
}
