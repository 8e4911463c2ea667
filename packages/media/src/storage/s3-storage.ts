import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  ListPartsCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStorage, StoredObject, UploadTarget } from '../contracts';
import { ObjectNotFoundError } from '../errors';
import { assertValidKey, assertValidPrefix } from '../keys';
import { checkUploadOptions, SINGLE_PUT_LIMIT_BYTES } from './upload-options';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, s3rver); AWS's own when absent. */
  endpoint?: string;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which S3-compatible servers usually need. */
  forcePathStyle?: boolean;
  /** Static credentials; the SDK's default chain (env, profile, instance role) when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** One presigned part of a multipart upload: PUT exactly `sizeBytes` bytes, keep the ETag reply header. */
export interface UploadPartTarget {
  partNumber: number;
  url: string;
  sizeBytes: number;
  headers: { name: string; value: string }[];
}

/** A part already stored (to resume an upload: the parts still missing are sent). */
export interface UploadedPart {
  partNumber: number;
  etag: string;
  sizeBytes: number;
}

export interface MultipartUploadTarget {
  uploadId: string;
  parts: UploadPartTarget[];
  expiresAt: Date;
}

/** Uploads bigger than one PUT allows (S3: 5 GiB) go in parts; only S3 needs (and offers) this. */
export interface MultipartUploads {
  /** The smallest part but the last the store accepts (S3: 5 MiB). */
  readonly minPartSizeBytes: number;
  createMultipartUploadTarget(
    key: string,
    options: {
      contentType: string;
      sizeBytes: number;
      partSizeBytes: number;
      expiresInSeconds: number;
    },
  ): Promise<MultipartUploadTarget>;
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** The parts stored so far, by part number. */
  listUploadedParts(key: string, uploadId: string): Promise<UploadedPart[]>;
  /** Fresh signed targets for some parts of an upload (to resume it). */
  signParts(
    key: string,
    uploadId: string,
    options: { contentType: string; sizeBytes: number; partSizeBytes: number; expiresInSeconds: number },
    partNumbers: number[],
  ): Promise<UploadPartTarget[]>;
}

export function supportsMultipartUpload(
  storage: ObjectStorage,
): storage is ObjectStorage & MultipartUploads {
  return typeof (storage as Partial<MultipartUploads>).createMultipartUploadTarget === 'function';
}

/** S3's limits on parts: at most 10,000, each at least 5 MiB but the last (tests lower the minimum). */
export const MAX_UPLOAD_PARTS = 10_000;
export const MIN_PART_SIZE_BYTES = 5 * 1024 ** 2;
export const MAX_PART_SIZE_BYTES = 5 * 1024 ** 3;

/** DeleteObjects takes at most 1000 keys. */
const DELETE_BATCH = 1000;

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/**
 * The production object store. Checksums are computed only when S3 requires them: the SDK's
 * default (a CRC trailer on every streamed body) is stored with its chunk framing by S3-compatible
 * servers such as s3rver, i.e. corrupted.
 */
export class S3Storage implements ObjectStorage, MultipartUploads {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;
  /** Lowered by tests to exercise multipart with small files; S3 itself refuses smaller parts. */
  minPartSizeBytes = MIN_PART_SIZE_BYTES;
  /** Keys listed (and deleted) per request; lowered by tests to exercise paging. */
  pageSize = DELETE_BATCH;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /**
   * A presigned PUT with Content-Type, Content-Length and `If-None-Match: *` in the signature: the
   * client must send exactly the declared size and type, and S3 refuses (412) a second PUT of an
   * existing key, so the URL cannot replace an object once it has been used.
   */
  async createUploadTarget(
    key: string,
    options: { contentType: string; sizeBytes: number; expiresInSeconds: number },
  ): Promise<UploadTarget> {
    assertValidKey(key);
    checkUploadOptions(options);
    if (options.sizeBytes > SINGLE_PUT_LIMIT_BYTES) {
      throw new RangeError(
        `${options.sizeBytes} bytes is more than one PUT takes: use createMultipartUploadTarget`,
      );
    }
    // SigV4 dates have whole seconds: the URL expires `expiresIn` after the signing second.
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const expiresAt = new Date(signingDate.getTime() + options.expiresInSeconds * 1000);
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType,
        ContentLength: options.sizeBytes,
        IfNoneMatch: '*',
      }),
      {
        expiresIn: options.expiresInSeconds,
        signingDate,
        signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
      },
    );
    return {
      url,
      method: 'PUT',
      // Content-Length is signed too, but clients derive it from the body (browsers refuse to set it).
      headers: [
        { name: 'Content-Type', value: options.contentType },
        { name: 'If-None-Match', value: '*' },
      ],
      expiresAt,
    };
  }

  async createMultipartUploadTarget(
    key: string,
    options: {
      contentType: string;
      sizeBytes: number;
      partSizeBytes: number;
      expiresInSeconds: number;
    },
  ): Promise<MultipartUploadTarget> {
    assertValidKey(key);
    checkUploadOptions(options);
    const { sizeBytes, partSizeBytes } = options;
    if (
      !Number.isSafeInteger(partSizeBytes) ||
      partSizeBytes < this.minPartSizeBytes ||
      partSizeBytes > MAX_PART_SIZE_BYTES
    ) {
      throw new RangeError(`invalid part size: ${partSizeBytes}`);
    }
    const count = Math.max(1, Math.ceil(sizeBytes / partSizeBytes));
    if (count > MAX_UPLOAD_PARTS) {
      throw new RangeError(
        `${count} parts is more than S3's ${MAX_UPLOAD_PARTS}: use bigger parts`,
      );
    }
    const created = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType,
      }),
    );
    const uploadId = created.UploadId;
    if (!uploadId) {
      throw new Error('S3 returned no UploadId');
    }
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + options.expiresInSeconds * 1000);
    const parts = await this.signParts(key, uploadId, options, Array.from({ length: count }, (_, i) => i + 1));
    return { uploadId, parts, expiresAt };
  }

  async signParts(
    key: string,
    uploadId: string,
    options: { sizeBytes: number; partSizeBytes: number; expiresInSeconds: number },
    partNumbers: number[],
  ): Promise<UploadPartTarget[]> {
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const parts: UploadPartTarget[] = [];
    for (const partNumber of partNumbers) {
      const partSize = Math.min(options.partSizeBytes, options.sizeBytes - (partNumber - 1) * options.partSizeBytes);
      const url = await getSignedUrl(
        this.client,
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          ContentLength: partSize,
        }),
        {
          expiresIn: options.expiresInSeconds,
          signingDate,
          signableHeaders: new Set(['content-length']),
        },
      );
      parts.push({ partNumber, url, sizeBytes: partSize, headers: [] });
    }
    return parts;
  }

  async listUploadedParts(key: string, uploadId: string): Promise<UploadedPart[]> {
    assertValidKey(key);
    const parts: UploadedPart[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
      );
      for (const part of page.Parts ?? []) {
        if (part.PartNumber && part.ETag) {
          parts.push({ partNumber: part.PartNumber, etag: part.ETag, sizeBytes: part.Size ?? 0 });
        }
      }
      if (!page.IsTruncated || !page.NextPartNumberMarker) {
        return parts.sort((a, b) => a.partNumber - b.partNumber);
      }
      marker = page.NextPartNumberMarker;
    }
  }

  async completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void> {
    assertValidKey(key);
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [...parts]
            .sort((a, b) => a.partNumber - b.partNumber)
            .map(part => ({ PartNumber: part.partNumber, ETag: part.etag })),
        },
      }),
    );
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(
      new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
    );
  }

  async head(key: string): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const sizeBytes = head.ContentLength ?? 0;
      return head.ContentType ? { sizeBytes, contentType: head.ContentType } : { sizeBytes };
    } catch (error) {
      if (statusOf(error) === 404) {
        return null;
      }
      throw error;
    }
  }

  async download(key: string, toPath: string): Promise<void> {
    assertValidKey(key);
    let body: Readable;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      body = object.Body as Readable;
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new ObjectNotFoundError(key);
      }
      throw error;
    }
    try {
      await pipeline(body, createWriteStream(toPath));
    } catch (error) {
      await rm(toPath, { force: true });
      throw error;
    }
  }

  async putFile(
    key: string,
    fromPath: string,
    options: { contentType: string; cacheControl: string },
  ): Promise<void> {
    assertValidKey(key);
    const { size } = await stat(fromPath);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(fromPath),
        ContentLength: size,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
      }),
    );
  }

  async deleteObject(key: string): Promise<void> {
    assertValidKey(key);
    // S3 answers 204 for a missing key too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertValidPrefix(prefix);
    if (prefix === '') {
      throw new RangeError('refusing to delete every object (empty prefix)');
    }
    // Each listed page is at most 1000 keys, which is also DeleteObjects' batch limit.
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken,
          MaxKeys: Math.min(this.pageSize, DELETE_BATCH),
        }),
      );
      const keys = (page.Contents ?? []).flatMap(object =>
        object.Key ? [{ Key: object.Key }] : [],
      );
      if (keys.length > 0) {
        const result = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        if (result.Errors?.length) {
          const first = result.Errors[0];
          throw new Error(
            `could not delete ${result.Errors.length} objects (${first.Key}: ${first.Code})`,
          );
        }
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken,
          MaxKeys: this.pageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) {
          keys.push(object.Key);
        }
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return keys.sort();
  }
}
