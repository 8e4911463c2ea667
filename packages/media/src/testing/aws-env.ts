import { generateKeyPairSync } from 'node:crypto';

let privateKey: string | undefined;

/** A CloudFront signing key for tests, made once per test file (RSA keys take a moment). */
export function testCloudFrontKey(): string {
  privateKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).privateKey;
  return privateKey;
}

/**
 * The environment of a process whose media are on S3 behind CloudFront, as MediaConvert and
 * MediaLive require, for tests of env schemas.
 */
export const s3MediaEnv = () => ({
  PLATFORM_DATA_DIR: '/tmp/vp-env-test',
  MEDIA_STORAGE: 's3',
  S3_BUCKET: 'media',
  AWS_REGION: 'eu-west-1',
  CLOUDFRONT_DOMAIN: 'media.cdn.test',
  CLOUDFRONT_KEY_PAIR_ID: 'K2TEST',
  CLOUDFRONT_PRIVATE_KEY: testCloudFrontKey(),
});

/** The message of what `action` throws ('' when it does not), to match several parts of it. */
export function thrownMessage(action: () => unknown): string {
  try {
    action();
  } catch (caught) {
    return String(caught);
  }
  return '';
}
