import {
  getSignedCookies,
  getSignedUrl,
  type CloudfrontSignedCookiesOutput,
} from '@aws-sdk/cloudfront-signer';
import type { PlaybackSigner, SignedPlayback } from '../contracts';
import { assertFolderPrefix, assertValidKey } from '../keys';

export interface CloudFrontPlaybackSignerOptions {
  /** The distribution's domain (`d111111abcdef8.cloudfront.net` or a CNAME), without scheme. */
  domain: string;
  /** The public key's id in the distribution's trusted key group. */
  keyPairId: string;
  /** The matching RSA private key, PEM. */
  privateKey: string;
  /** CloudFront accepts SHA-256 signatures (Hash-Algorithm=SHA256) as well as the original SHA-1. */
  algorithm?: 'SHA1' | 'SHA256';
  /**
   * The longest a signed policy lives, in seconds (default 60), whatever the caller asks: CloudFront
   * cannot ask back whether the viewer may still play, so a URL or cookie issued before the video
   * went PRIVATE, was deleted or taken down, or the viewer's plan ended, works until it expires.
   * Players refresh `playback` (or the signed cookies) before `expiresAt`.
   */
  maxLifetimeSeconds?: number;
  /** For tests: the clock the lifetime is counted from. */
  now?: () => number;
}

export const DEFAULT_CLOUDFRONT_MAX_LIFETIME_SECONDS = 60;

/**
 * Production playback: CloudFront signed URLs with a custom policy whose resource is
 * `https://<domain>/<prefix>*`, so one signature admits the master playlist, every rendition
 * playlist, segment and image of one video and nothing else, until DateLessThan.
 *
 * CloudFront reads the signature from the query string (or cookies). HLS playlists name their
 * files relatively, and a player resolving `720p/index.m3u8` against the master URL drops the
 * query: with signed URLs the player must append the master URL's query (`Policy`, `Signature`,
 * `Key-Pair-Id`) to every request it makes (hls.js: `xhrSetup`/`fetchSetup`), or the site sets
 * the signed cookies from `cookies()` instead, scoped to the video's path.
 */
export class CloudFrontPlaybackSigner implements PlaybackSigner {
  readonly kind = 'cloudfront' as const;
  private readonly domain: string;

  constructor(private readonly options: CloudFrontPlaybackSignerOptions) {
    this.domain = options.domain.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(this.domain)) {
      throw new Error(`invalid CloudFront domain: ${options.domain}`);
    }
  }

  /** `expiresAt`, or the lifetime's end when that comes sooner. */
  private capped(expiresAt: Date): Date {
    const now = (this.options.now ?? Date.now)();
    const max = this.options.maxLifetimeSeconds ?? DEFAULT_CLOUDFRONT_MAX_LIFETIME_SECONDS;
    return new Date(Math.min(expiresAt.getTime(), now + max * 1000));
  }

  /** The custom policy: every file under `prefix`, until `expiresAt` (whole seconds; capped). */
  policy(prefix: string, expiresAt: Date): string {
    assertFolderPrefix(prefix);
    expiresAt = this.capped(expiresAt);
    return JSON.stringify({
      Statement: [
        {
          Resource: `https://${this.domain}/${prefix}*`,
          Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt.getTime() / 1000) } },
        },
      ],
    });
  }

  sign(prefix: string, entry: string, expiresAt: Date): SignedPlayback {
    return {
      hlsUrl: this.signFile(prefix, entry, expiresAt),
      expiresAt: new Date(Math.floor(this.capped(expiresAt).getTime() / 1000) * 1000),
    };
  }

  signFile(prefix: string, file: string, expiresAt: Date): string {
    const key = assertValidKey(`${assertFolderPrefix(prefix)}${file}`);
    return getSignedUrl({
      url: `https://${this.domain}/${key}`,
      policy: this.policy(prefix, expiresAt),
      keyPairId: this.options.keyPairId,
      privateKey: this.options.privateKey,
      algorithm: this.options.algorithm,
    });
  }

  /**
   * Signed cookies for the same policy (CloudFront-Policy, -Signature, -Key-Pair-Id): set them on
   * the distribution's domain with `Path=/<prefix>; Secure; HttpOnly` so relative playlist URLs
   * need nothing appended.
   */
  cookies(prefix: string, expiresAt: Date): CloudfrontSignedCookiesOutput {
    return getSignedCookies({
      policy: this.policy(prefix, expiresAt),
      keyPairId: this.options.keyPairId,
      privateKey: this.options.privateKey,
      algorithm: this.options.algorithm,
    });
  }
}
