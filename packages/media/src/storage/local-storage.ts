import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage, StoredObject, UploadTarget } from '../contracts';
import type { MultipartUploadTarget, MultipartUploads, UploadedPart } from './s3-storage';
import { ObjectNotFoundError } from '../errors';
import { assertValidKey, assertValidPrefix, isValidKey } from '../keys';
import { assertUsableSecret, hmacFields, signatureMatches } from '../signing';
import { checkUploadOptions } from './upload-options';

export interface LocalStorageOptions {
  /** The folder that holds the objects (`<dataDir>/media`). */
  dir: string;
  /** The origin browsers reach (the gateway's), base of the upload URLs. */
  publicUrl: string;
  /** Signs upload URLs; at least 32 characters. */
  secret: string;
}

/** What an upload URL's query carries; every field is covered by `sig`. */
export interface UploadQuery {
  expires?: unknown;
  size?: unknown;
  type?: unknown;
  sig?: unknown;
}

export type UploadCheck =
  | { ok: true; sizeBytes: number; contentType: string }
  | { ok: false; reason: 'bad-signature' | 'expired' };

export type UploadOutcome = 'stored' | 'exists' | 'wrong-size';

interface ObjectMetadata {
  contentType?: string;
  cacheControl?: string;
}

const UPLOAD_PURPOSE = 'vp-media-upload-v1';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

class TooManyBytes extends Error {}

/**
 * The embedded object store: one file per key under a folder, with a hidden sidecar holding the
 * content type and Cache-Control (what S3 keeps as object metadata). Hidden names (`.…`) can never
 * be keys, so temp and metadata files stay out of listings.
 */
export class LocalStorage implements ObjectStorage, MultipartUploads {
  readonly kind = 'local' as const;
  readonly dir: string;
  private readonly publicUrl: string;
  private readonly secret: string;

  constructor(options: LocalStorageOptions) {
    this.dir = resolve(options.dir);
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.secret = assertUsableSecret(options.secret);
  }

  /** The file behind a key (validated, so always inside the folder). */
  pathFor(key: string): string {
    const path = resolve(this.dir, assertValidKey(key));
    // Belt and braces: validation already excludes `..` and absolute keys.
    if (!path.startsWith(this.dir + sep)) {
      throw new Error(`key escapes the media folder: ${key}`);
    }
    return path;
  }

  private metadataPathFor(path: string): string {
    return join(dirname(path), `.${basename(path)}.meta.json`);
  }

  async createUploadTarget(
    key: string,
    options: { contentType: string; sizeBytes: number; expiresInSeconds: number },
  ): Promise<UploadTarget> {
    assertValidKey(key);
    checkUploadOptions(options);
    const expires = Math.floor(Date.now() / 1000) + options.expiresInSeconds;
    const sig = this.uploadSignature(key, options.sizeBytes, options.contentType, expires);
    const query = new URLSearchParams({
      expires: String(expires),
      size: String(options.sizeBytes),
      type: options.contentType,
      sig,
    });
    return {
      url: `${this.publicUrl}/uploads/${key}?${query}`,
      method: 'PUT',
      headers: [{ name: 'Content-Type', value: options.contentType }],
      expiresAt: new Date(expires * 1000),
    };
  }

  /**
   * Multipart uploads, as S3 has them, so that a big upload can be resumed part by part: each part
   * is an ordinary signed one-shot PUT to its own key under `<key>-parts/<uploadId>/<n>` (sizes and
   * types checked by the upload route as for any upload), joined into `key` by
   * completeMultipartUpload. ETags are not needed here: the parts on disk are the parts.
   */
  minPartSizeBytes = 1;

  private partKey(key: string, uploadId: string, partNumber: number) {
    return `${key}-parts/${uploadId}/${partNumber}`;
  }

  async createMultipartUploadTarget(
    key: string,
    options: { contentType: string; sizeBytes: number; partSizeBytes: number; expiresInSeconds: number },
  ): Promise<MultipartUploadTarget> {
    assertValidKey(key);
    checkUploadOptions(options);
    if (!Number.isSafeInteger(options.partSizeBytes) || options.partSizeBytes < this.minPartSizeBytes) {
      throw new RangeError(`invalid part size: ${options.partSizeBytes}`);
    }
    const uploadId = randomUUID();
    const count = Math.max(1, Math.ceil(options.sizeBytes / options.partSizeBytes));
    const parts = await this.signParts(key, uploadId, options, Array.from({ length: count }, (_, i) => i + 1));
    return { uploadId, parts, expiresAt: new Date(Math.floor(Date.now() / 1000 + options.expiresInSeconds) * 1000) };
  }

  /** Fresh signed targets for the given parts of an upload (those still missing, to resume it). */
  async signParts(
    key: string,
    uploadId: string,
    options: { contentType: string; sizeBytes: number; partSizeBytes: number; expiresInSeconds: number },
    partNumbers: number[],
  ) {
    return Promise.all(
      partNumbers.map(async partNumber => {
        const sizeBytes = Math.min(options.partSizeBytes, options.sizeBytes - (partNumber - 1) * options.partSizeBytes);
        const target = await this.createUploadTarget(this.partKey(key, uploadId, partNumber), {
          contentType: options.contentType,
          sizeBytes,
          expiresInSeconds: options.expiresInSeconds,
        });
        return { partNumber, url: target.url, sizeBytes, headers: target.headers };
      }),
    );
  }

  async listUploadedParts(key: string, uploadId: string): Promise<UploadedPart[]> {
    assertValidKey(key);
    const dir = this.pathFor(`${key}-parts/${assertValidKey(uploadId)}/0`).slice(0, -2);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) {
        return [];
      }
      throw error;
    }
    const parts: UploadedPart[] = [];
    for (const name of names) {
      if (/^[1-9]\d{0,4}$/.test(name)) {
        const { size } = await stat(join(dir, name));
        parts.push({ partNumber: Number(name), etag: `"${name}-${size}"`, sizeBytes: size });
      }
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
    const stored = await this.listUploadedParts(key, uploadId);
    const wanted = [...new Set(parts.map(part => part.partNumber))].sort((a, b) => a - b);
    if (!wanted.length || wanted.some((number, index) => number !== index + 1) || stored.length !== wanted.length) {
      throw new RangeError('a part is missing');
    }
    const target = this.pathFor(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
    try {
      const out = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
      for (const part of stored) {
        await pipeline(createReadStream(this.pathFor(this.partKey(key, uploadId, part.partNumber))), out, { end: false });
      }
      await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
      const { contentType } = await this.metadata(this.partKey(key, uploadId, 1));
      await this.writeMetadata(target, { contentType });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    await this.abortMultipartUpload(key, uploadId);
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    assertValidKey(key);
    await rm(this.pathFor(`${key}-parts/${assertValidKey(uploadId)}`), { recursive: true, force: true });
  }

  private uploadSignature(key: string, size: number, contentType: string, expires: number): string {
    return hmacFields(this.secret, UPLOAD_PURPOSE, [
      'PUT',
      key,
      size,
      contentType,
      expires,
    ]).toString('base64url');
  }

  /** Checks an upload URL's signature and expiry (the route checks the headers against the result). */
  checkUpload(key: string, query: UploadQuery, nowMs = Date.now()): UploadCheck {
    const { expires, size, type, sig } = query;
    if (
      typeof expires !== 'string' ||
      typeof size !== 'string' ||
      typeof type !== 'string' ||
      typeof sig !== 'string' ||
      !/^\d{1,12}$/.test(expires) ||
      !/^\d{1,16}$/.test(size) ||
      !isValidKey(key)
    ) {
      return { ok: false, reason: 'bad-signature' };
    }
    const expected = hmacFields(this.secret, UPLOAD_PURPOSE, ['PUT', key, size, type, expires]);
    if (!signatureMatches(sig, expected)) {
      return { ok: false, reason: 'bad-signature' };
    }
    if (Number(expires) * 1000 <= nowMs) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, sizeBytes: Number(size), contentType: type };
  }

  /**
   * Streams a body to a temp file beside the key's file and links it into place only when exactly
   * `sizeBytes` arrived; `link` fails when the key exists, so of two racing uploads one wins and
   * nothing is ever replaced (upload URLs are single-use). Never holds more than a chunk in memory.
   */
  async acceptUpload(
    key: string,
    body: Readable,
    options: { sizeBytes: number; contentType: string },
  ): Promise<UploadOutcome> {
    const target = this.pathFor(key);
    if (await this.exists(target)) {
      return 'exists';
    }
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > options.sizeBytes ? new TooManyBytes() : null, chunk);
      },
    });
    try {
      try {
        await pipeline(body, counter, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
      } catch (error) {
        if (error instanceof TooManyBytes) {
          return 'wrong-size';
        }
        throw error;
      }
      if (received !== options.sizeBytes) {
        return 'wrong-size';
      }
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return 'exists';
        }
        throw error;
      }
      await this.writeMetadata(target, { contentType: options.contentType });
      return 'stored';
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (isMissing(error)) {
        return false;
      }
      throw error;
    }
  }

  private async writeMetadata(path: string, metadata: ObjectMetadata): Promise<void> {
    const file = this.metadataPathFor(path);
    const temp = `${file}.${randomUUID()}.part`;
    await writeFile(temp, JSON.stringify(metadata), { mode: 0o644 });
    await rename(temp, file);
  }

  /** Content type and Cache-Control as stored by upload or putFile ({} when none were). */
  async metadata(key: string): Promise<ObjectMetadata> {
    try {
      const raw = JSON.parse(await readFile(this.metadataPathFor(this.pathFor(key)), 'utf8'));
      return {
        contentType: typeof raw.contentType === 'string' ? raw.contentType : undefined,
        cacheControl: typeof raw.cacheControl === 'string' ? raw.cacheControl : undefined,
      };
    } catch (error) {
      if (isMissing(error) || error instanceof SyntaxError) {
        return {};
      }
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    const path = this.pathFor(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) {
        return null;
      }
      const { contentType } = await this.metadata(key);
      return contentType ? { sizeBytes: info.size, contentType } : { sizeBytes: info.size };
    } catch (error) {
      if (isMissing(error)) {
        return null;
      }
      throw error;
    }
  }

  async download(key: string, toPath: string): Promise<void> {
    try {
      await copyFile(this.pathFor(key), toPath);
    } catch (error) {
      if (isMissing(error)) {
        throw new ObjectNotFoundError(key);
      }
      throw error;
    }
  }

  async putFile(
    key: string,
    fromPath: string,
    options: { contentType: string; cacheControl: string },
  ): Promise<void> {
    const target = this.pathFor(key);
    await mkdir(dirname(target), { recursive: true });
    // Copy then rename, so a reader never sees half a file (the transcoder rewrites playlists).
    const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
    try {
      await copyFile(fromPath, temp);
      await this.writeMetadata(target, {
        contentType: options.contentType,
        cacheControl: options.cacheControl,
      });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async deleteObject(key: string): Promise<void> {
    const path = this.pathFor(key);
    await rm(path, { force: true });
    await rm(this.metadataPathFor(path), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertValidPrefix(prefix);
    if (prefix === '') {
      throw new RangeError('refusing to delete every object (empty prefix)');
    }
    if (prefix.endsWith('/')) {
      await rm(resolve(this.dir, prefix), { recursive: true, force: true });
      return;
    }
    for (const key of await this.list(prefix)) {
      await this.deleteObject(key);
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(relative ? join(this.dir, relative) : this.dir, {
          withFileTypes: true,
        });
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
          return;
        }
        throw error;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) {
          continue;
        }
        const key = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          // Only descend where keys under the prefix can be.
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) {
            await walk(key);
          }
        } else if (entry.isFile() && key.startsWith(prefix)) {
          keys.push(key);
        }
      }
    };
    await walk(base);
    return keys.sort();
  }
}
