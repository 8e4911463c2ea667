/**
 * The media ports shared by the videos and live subgraphs. Each has an embedded implementation
 * (local folder, HMAC-signed URLs) and a production one (S3, CloudFront), chosen by configuration,
 * and both pass the same contract tests.
 *
 * Keys are server-made, never from clients: `uploads/<videoId>/source` for an original,
 * `videos/<videoId>/…` for what playback serves (master.m3u8, <height>p/…, poster.jpg, storyboard…).
 */

export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: { name: string; value: string }[];
  expiresAt: Date;
}

export interface StoredObject {
  sizeBytes: number;
  contentType?: string;
}

export interface ObjectStorage {
  /** A signed, expiring PUT target for exactly this key, size and content type. */
  createUploadTarget(
    key: string,
    options: { contentType: string; sizeBytes: number; expiresInSeconds: number },
  ): Promise<UploadTarget>;
  head(key: string): Promise<StoredObject | null>;
  /** Copies an object to a local file (ffprobe and ffmpeg read files, never URLs). */
  download(key: string, toPath: string): Promise<void>;
  /** Stores a local file under a key, with the Cache-Control playback needs. */
  putFile(key: string, fromPath: string, options: { contentType: string; cacheControl: string }): Promise<void>;
  deleteObject(key: string): Promise<void>;
  /** Removes every object under a prefix (a deleted video's media). */
  deletePrefix(prefix: string): Promise<void>;
  /** Keys under a prefix (tests check that nothing is orphaned). */
  list(prefix: string): Promise<string[]>;
}

export interface SignedPlayback {
  /** The master playlist's URL; the signature covers every file under the same prefix. */
  hlsUrl: string;
  expiresAt: Date;
}

/**
 * Whom a playback URL was issued to. The embedded signer puts it in the token so the media route can
 * ask again, on every request, whether that viewer may still play (the video made PRIVATE, deleted,
 * the plan ended): a URL outlives the decision that minted it. CloudFront cannot ask back, so there
 * the bound is the policy's short lifetime.
 */
export interface PlaybackHolder {
  /** Null for an anonymous viewer. */
  viewerId: string | null;
  /** An admin when the URL was issued (admins play everything). */
  admin: boolean;
}

export interface PlaybackSigner {
  /** Signs `<prefix>` (e.g. `videos/<id>/`) for reading until expiresAt; `entry` is the file the URL names. */
  sign(prefix: string, entry: string, expiresAt: Date, holder?: PlaybackHolder): SignedPlayback;
  /** A URL for one file under a prefix (thumbnails, storyboards), valid until expiresAt. */
  signFile(prefix: string, file: string, expiresAt: Date, holder?: PlaybackHolder): string;
}
