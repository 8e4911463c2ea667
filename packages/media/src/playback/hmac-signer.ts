import type { PlaybackHolder, PlaybackSigner, SignedPlayback } from '../contracts';
import { assertFolderPrefix, assertValidKey, isValidKey, isValidPrefix } from '../keys';
import { assertUsableSecret, hmacFields, signatureMatches } from '../signing';

export interface HmacPlaybackSignerOptions {
  /** The origin browsers reach (the gateway's); media is served under `<publicUrl>/media/`. */
  publicUrl: string;
  /** At least 32 characters; the same secret as LocalStorage's is fine (signatures are purpose-bound). */
  secret: string;
}

export type TokenCheck =
  | {
      ok: true;
      prefix: string;
      expiresAt: Date;
      /** Whom it was issued to; undefined for tokens signed without one (the catalog's, live's). */
      holder?: PlaybackHolder;
    }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'outside-prefix' };

const PLAYBACK_PURPOSE = 'vp-media-playback-v1';
const MAX_TOKEN_LENGTH = 2048;

/**
 * Embedded playback URLs: `<publicUrl>/media/<token>/<key>`, where the token is
 * `base64url({"p": prefix, "e": expiry, "v"?: viewer id or "", "a"?: 1}) "." base64url(HMAC)`
 * (`v` and `a` name the holder, when the signer was told one, so the route can re-check access). The token is a path segment, not a
 * query parameter, because an HLS player resolves the playlists' relative URIs (`720p/index.m3u8`,
 * `seg_001.ts`) against the playlist's URL, which keeps its path and drops its query: every file
 * the master playlist leads to carries the token, and the token admits only keys under its prefix.
 */
export class HmacPlaybackSigner implements PlaybackSigner {
  readonly kind = 'hmac' as const;
  private readonly publicUrl: string;
  private readonly secret: string;

  constructor(options: HmacPlaybackSignerOptions) {
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.secret = assertUsableSecret(options.secret);
  }

  /** The token for reading every key under `prefix` until `expiresAt` (whole seconds, rounded down). */
  token(prefix: string, expiresAt: Date, holder?: PlaybackHolder): string {
    assertFolderPrefix(prefix);
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const claims = holder
      ? { p: prefix, e: exp, v: holder.viewerId ?? '', ...(holder.admin ? { a: 1 } : {}) }
      : { p: prefix, e: exp };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const mac = hmacFields(this.secret, PLAYBACK_PURPOSE, [payload]).toString('base64url');
    return `${payload}.${mac}`;
  }

  sign(prefix: string, entry: string, expiresAt: Date, holder?: PlaybackHolder): SignedPlayback {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return {
      hlsUrl: this.signFile(prefix, entry, expiresAt, holder),
      expiresAt: new Date(exp * 1000),
    };
  }

  signFile(prefix: string, file: string, expiresAt: Date, holder?: PlaybackHolder): string {
    const key = assertValidKey(`${assertFolderPrefix(prefix)}${file}`);
    return `${this.publicUrl}/media/${this.token(prefix, expiresAt, holder)}/${key}`;
  }

  /** Whether `token` admits reading `key` now: signed by us, unexpired, and `key` under its prefix. */
  verify(token: string, key: string, nowMs = Date.now()): TokenCheck {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, reason: 'malformed' };
    }
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) {
      return { ok: false, reason: 'malformed' };
    }
    if (!signatureMatches(mac, hmacFields(this.secret, PLAYBACK_PURPOSE, [payload]))) {
      return { ok: false, reason: 'bad-signature' };
    }
    let claims: { p?: unknown; e?: unknown; v?: unknown; a?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const { p: prefix, e: exp, v: viewerId, a: admin } = claims ?? {};
    if (
      (viewerId !== undefined && typeof viewerId !== 'string') ||
      typeof prefix !== 'string' ||
      !prefix.endsWith('/') ||
      !isValidPrefix(prefix) ||
      typeof exp !== 'number' ||
      !Number.isInteger(exp)
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (exp * 1000 <= nowMs) {
      return { ok: false, reason: 'expired' };
    }
    // isValidKey refuses `..` and empty segments, so "under the prefix" means what it says.
    if (!isValidKey(key) || !key.startsWith(prefix)) {
      return { ok: false, reason: 'outside-prefix' };
    }
    const holder =
      typeof viewerId === 'string' ? { viewerId: viewerId || null, admin: admin === 1 } : undefined;
    return { ok: true, prefix, expiresAt: new Date(exp * 1000), holder };
  }
}
