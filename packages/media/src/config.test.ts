import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlaybackSigner, createStorage, loadOrCreateMediaSecret } from './config';
import { mediaConfigFromEnv } from './env';
import { CloudFrontPlaybackSigner } from './playback/cloudfront-signer';
import { HmacPlaybackSigner } from './playback/hmac-signer';
import { LocalStorage } from './storage/local-storage';
import { S3Storage } from './storage/s3-storage';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vp-media-config-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const publicUrl = 'http://localhost:4000';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('mediaConfigFromEnv', () => {
  it('defaults to the embedded folder and HMAC URLs, with a secret made once and kept private', () => {
    const config = mediaConfigFromEnv({}, { dataDir, publicUrl });
    const secretFile = join(dataDir, 'keys/media-secret');
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    expect(config).toEqual({
      storage: { kind: 'local', dir: join(dataDir, 'media'), publicUrl, secret },
      playback: { kind: 'hmac', publicUrl, secret },
    });
    // A restart reads the same secret, so URLs already handed out stay valid.
    expect(mediaConfigFromEnv({}, { dataDir, publicUrl })).toEqual(config);
    expect(createStorage(config.storage)).toBeInstanceOf(LocalStorage);
    expect(createPlaybackSigner(config.playback)).toBeInstanceOf(HmacPlaybackSigner);
  });

  it('uses MEDIA_SIGNING_SECRET when set, writing no file, and refuses a short one', () => {
    const secret = 'm'.repeat(40);
    const config = mediaConfigFromEnv({ MEDIA_SIGNING_SECRET: secret }, { dataDir, publicUrl });
    expect(config.storage).toMatchObject({ kind: 'local', secret });
    expect(config.playback).toMatchObject({ kind: 'hmac', secret });
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(() =>
      mediaConfigFromEnv({ MEDIA_SIGNING_SECRET: 'short' }, { dataDir, publicUrl }),
    ).toThrow(/at least 32/);
  });

  it('refuses a tampered-short secret file instead of signing with it', () => {
    loadOrCreateMediaSecret(dataDir);
    writeFileSync(join(dataDir, 'keys/media-secret'), 'abc');
    expect(() => loadOrCreateMediaSecret(dataDir)).toThrow(/at least 32/);
  });

  it('reads S3 and CloudFront settings, unescaping a one-line PEM', () => {
    const env = {
      MEDIA_STORAGE: 's3',
      S3_BUCKET: 'vp-media',
      S3_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      CLOUDFRONT_DOMAIN: 'd111111abcdef8.cloudfront.net',
      CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
      CLOUDFRONT_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
    };
    const config = mediaConfigFromEnv(env, { dataDir, publicUrl });
    expect(config).toEqual({
      storage: {
        kind: 's3',
        bucket: 'vp-media',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
      },
      playback: {
        kind: 'cloudfront',
        domain: 'd111111abcdef8.cloudfront.net',
        keyPairId: 'K2JCJMDEHXQW5F',
        privateKey,
        maxLifetimeSeconds: 60,
      },
    });
    // No embedded secret is made when nothing needs one.
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    const storage = createStorage(config.storage);
    expect(storage).toBeInstanceOf(S3Storage);
    expect((storage as S3Storage).bucket).toBe('vp-media');
    const signer = createPlaybackSigner(config.playback);
    expect(signer).toBeInstanceOf(CloudFrontPlaybackSigner);
    expect(signer.sign('videos/v1/', 'master.m3u8', new Date(Date.now() + 60_000)).hlsUrl).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/v1\/master\.m3u8\?Policy=/,
    );
  });

  it('defaults the S3 region and path style', () => {
    const config = mediaConfigFromEnv(
      {
        MEDIA_STORAGE: 's3',
        S3_BUCKET: 'b',
        CLOUDFRONT_DOMAIN: 'cdn.example',
        CLOUDFRONT_KEY_PAIR_ID: 'K',
        CLOUDFRONT_PRIVATE_KEY: privateKey,
      },
      { dataDir, publicUrl },
    );
    expect(config.storage).toEqual({
      kind: 's3',
      bucket: 'b',
      region: 'us-east-1',
      endpoint: undefined,
      forcePathStyle: false,
    });
  });

  it.each([
    [{ MEDIA_STORAGE: 'ftp' }, /MEDIA_STORAGE: must be/],
    [{ MEDIA_STORAGE: 's3', S3_BUCKET: 'b' }, /needs CloudFront/],
    [
      {
        MEDIA_STORAGE: 's3',
        CLOUDFRONT_DOMAIN: 'cdn.example',
        CLOUDFRONT_KEY_PAIR_ID: 'K',
        CLOUDFRONT_PRIVATE_KEY: 'k',
      },
      /S3_BUCKET: is required/,
    ],
    [
      {
        MEDIA_STORAGE: 's3',
        S3_BUCKET: 'b',
        CLOUDFRONT_DOMAIN: 'cdn.example',
        CLOUDFRONT_PRIVATE_KEY: 'k',
      },
      /CLOUDFRONT_KEY_PAIR_ID: is required/,
    ],
    [{ CLOUDFRONT_DOMAIN: 'cdn.example' }, /MEDIA_STORAGE is not s3/],
  ])('refuses an incomplete or contradictory environment %#', (env, message) => {
    expect(() => mediaConfigFromEnv(env, { dataDir, publicUrl })).toThrow(message);
  });
});
