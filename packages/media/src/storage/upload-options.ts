/**
 * Checks shared by both adapters' upload targets, so that a value the local adapter refuses is
 * refused by S3 too (and the other way round).
 */

/** A bare MIME type (`video/mp4`), no parameters: it is compared byte for byte with the request's. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** S3 refuses presigned URLs valid for more than 7 days. */
export const MAX_UPLOAD_EXPIRY_SECONDS = 7 * 24 * 3600;

/** The largest object one PUT may create on S3; larger uploads need multipart. */
export const SINGLE_PUT_LIMIT_BYTES = 5 * 1024 ** 3;

export function checkUploadOptions(options: {
  contentType: string;
  sizeBytes: number;
  expiresInSeconds: number;
}): void {
  if (!CONTENT_TYPE.test(options.contentType)) {
    throw new RangeError(`invalid content type: ${JSON.stringify(options.contentType)}`);
  }
  if (!Number.isSafeInteger(options.sizeBytes) || options.sizeBytes < 0) {
    throw new RangeError(`invalid size: ${options.sizeBytes}`);
  }
  if (
    !Number.isInteger(options.expiresInSeconds) ||
    options.expiresInSeconds < 1 ||
    options.expiresInSeconds > MAX_UPLOAD_EXPIRY_SECONDS
  ) {
    throw new RangeError(`invalid expiry: ${options.expiresInSeconds}s`);
  }
}
