import { generateKeyPairSync, verify } from 'node:crypto';
import { InvalidKeyError } from '../keys';
import { CloudFrontPlaybackSigner } from './cloudfront-signer';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const other = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** CloudFront's URL-safe base64: `+`→`-`, `=`→`_`, `/`→`~`. */
function fromCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

function signatureHolds(
  policy: Buffer,
  signature: Buffer,
  algorithm = 'RSA-SHA1',
  key: string = publicKey,
) {
  return verify(algorithm, policy, key, signature);
}

const expiresAt = new Date(Date.UTC(2030, 5, 1, 12, 0, 0, 999));
const epoch = Math.floor(expiresAt.getTime() / 1000);

describe('CloudFrontPlaybackSigner', () => {
  const signer = new CloudFrontPlaybackSigner({
    domain: 'd111111abcdef8.cloudfront.net',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey,
    // signing "now", 30 s before expiresAt: inside the default 60 s lifetime
    now: () => expiresAt.getTime() - 30_000,
  });

  it('signs the master URL with a custom policy over the whole video prefix, verifiable with the public key', () => {
    const { hlsUrl, expiresAt: signedUntil } = signer.sign('videos/v1/', 'master.m3u8', expiresAt);
    const url = new URL(hlsUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://d111111abcdef8.cloudfront.net/videos/v1/master.m3u8',
    );
    expect(signedUntil.getTime()).toBe(epoch * 1000);
    expect(url.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    expect(url.searchParams.get('Expires')).toBeNull(); // a canned policy could not cover a prefix

    const policy = fromCloudFrontBase64(url.searchParams.get('Policy')!);
    const signature = fromCloudFrontBase64(url.searchParams.get('Signature')!);
    expect(signatureHolds(policy, signature)).toBe(true);
    expect(JSON.parse(policy.toString())).toEqual({
      Statement: [
        {
          Resource: 'https://d111111abcdef8.cloudfront.net/videos/v1/*',
          Condition: { DateLessThan: { 'AWS:EpochTime': epoch } },
        },
      ],
    });
  });

  it("does not verify for a policy edited to another video's prefix, a later expiry, or another key", () => {
    const url = new URL(signer.sign('videos/v1/', 'master.m3u8', expiresAt).hlsUrl);
    const policy = fromCloudFrontBase64(url.searchParams.get('Policy')!).toString();
    const signature = fromCloudFrontBase64(url.searchParams.get('Signature')!);
    expect(
      signatureHolds(Buffer.from(policy.replace('/videos/v1/*', '/videos/v2/*')), signature),
    ).toBe(false);
    expect(
      signatureHolds(Buffer.from(policy.replace(String(epoch), String(epoch + 86400))), signature),
    ).toBe(false);
    expect(signatureHolds(Buffer.from(policy), signature, 'RSA-SHA1', other.publicKey)).toBe(false);
  });

  it('signs single files (thumbnails) under the same prefix policy', () => {
    const url = new URL(signer.signFile('videos/v1/', 'poster.jpg', expiresAt));
    expect(url.pathname).toBe('/videos/v1/poster.jpg');
    const policy = fromCloudFrontBase64(url.searchParams.get('Policy')!);
    expect(JSON.parse(policy.toString()).Statement[0].Resource).toBe(
      'https://d111111abcdef8.cloudfront.net/videos/v1/*',
    );
    expect(signatureHolds(policy, fromCloudFrontBase64(url.searchParams.get('Signature')!))).toBe(
      true,
    );
  });

  it('makes signed cookies for the same policy', () => {
    const cookies = signer.cookies('videos/v1/', expiresAt);
    expect(cookies['CloudFront-Key-Pair-Id']).toBe('K2JCJMDEHXQW5F');
    expect(cookies['CloudFront-Expires']).toBeUndefined();
    const policy = fromCloudFrontBase64(cookies['CloudFront-Policy']!);
    expect(JSON.parse(policy.toString()).Statement[0]).toEqual({
      Resource: 'https://d111111abcdef8.cloudfront.net/videos/v1/*',
      Condition: { DateLessThan: { 'AWS:EpochTime': epoch } },
    });
    expect(signatureHolds(policy, fromCloudFrontBase64(cookies['CloudFront-Signature']))).toBe(
      true,
    );
  });

  it('signs with SHA-256 when asked, and says so', () => {
    const sha256 = new CloudFrontPlaybackSigner({
      domain: 'https://media.example.com/',
      keyPairId: 'K1',
      privateKey,
      algorithm: 'SHA256',
    });
    const url = new URL(sha256.sign('videos/v1/', 'master.m3u8', expiresAt).hlsUrl);
    expect(url.origin).toBe('https://media.example.com');
    expect(url.searchParams.get('Hash-Algorithm')).toBe('SHA256');
    const policy = fromCloudFrontBase64(url.searchParams.get('Policy')!);
    expect(
      signatureHolds(
        policy,
        fromCloudFrontBase64(url.searchParams.get('Signature')!),
        'RSA-SHA256',
      ),
    ).toBe(true);
  });

  it('never signs a policy longer than its lifetime (60 s by default), whatever expiry is asked', () => {
    const signedAt = Date.UTC(2030, 0, 1);
    const short = new CloudFrontPlaybackSigner({
      domain: 'media.example.com',
      keyPairId: 'K1',
      privateKey,
      now: () => signedAt,
    });
    const dayLater = new Date(signedAt + 24 * 3600_000);
    const playback = short.sign('videos/v1/', 'master.m3u8', dayLater);
    expect(playback.expiresAt).toEqual(new Date(signedAt + 60_000));
    const policy = JSON.parse(
      fromCloudFrontBase64(new URL(playback.hlsUrl).searchParams.get('Policy')!).toString(),
    );
    expect(policy.Statement[0].Condition.DateLessThan['AWS:EpochTime']).toBe(signedAt / 1000 + 60);
    const cookies = JSON.parse(
      fromCloudFrontBase64(short.cookies('videos/v1/', dayLater)['CloudFront-Policy']!).toString(),
    );
    expect(cookies.Statement[0].Condition.DateLessThan['AWS:EpochTime']).toBe(signedAt / 1000 + 60);

    const configured = new CloudFrontPlaybackSigner({
      domain: 'media.example.com',
      keyPairId: 'K1',
      privateKey,
      maxLifetimeSeconds: 300,
      now: () => signedAt,
    });
    expect(configured.sign('videos/v1/', 'master.m3u8', dayLater).expiresAt).toEqual(
      new Date(signedAt + 300_000),
    );
  });

  it('refuses prefixes that are not folders and domains that are not hosts', () => {
    expect(() => signer.sign('videos/v1', 'master.m3u8', expiresAt)).toThrow(InvalidKeyError);
    expect(() => signer.cookies('videos/../', expiresAt)).toThrow(InvalidKeyError);
    expect(() => signer.signFile('videos/v1/', '../v2/master.m3u8', expiresAt)).toThrow(
      InvalidKeyError,
    );
    expect(
      () =>
        new CloudFrontPlaybackSigner({
          domain: 'evil.example/path?x=',
          keyPairId: 'K',
          privateKey,
        }),
    ).toThrow(/invalid CloudFront domain/);
  });
});
