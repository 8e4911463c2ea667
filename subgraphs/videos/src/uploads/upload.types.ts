import { Rule, TextLength } from '@vp/kit';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';

/** Declared types accepted for upload; the probe then checks what the file really is. */
export const VIDEO_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/x-matroska',
  'video/x-msvideo',
  'video/mpeg',
  'video/ogg',
  'video/3gpp',
  'video/3gpp2',
  'video/x-m4v',
  'video/mp2t',
  'video/x-flv',
]);

// Control characters and path separators have no place in a name shown back to its uploader.
const isUnsafeFilename = (name: string) =>
  [...name].some(
    char =>
      char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f || char === '/' || char === '\\',
  );

@InputType({
  description: 'What the uploader is about to send; the file itself goes to `upload.url`.',
})
export class CreateUploadInput {
  @Field({
    description: "The file's name on the uploader's device (1–255 characters), kept for reference.",
  })
  @Rule((filename: string) =>
    filename.length > 255 || isUnsafeFilename(filename)
      ? 'Give the file name, 1–255 characters, no slashes.'
      : null,
  )
  filename!: string;

  @Field({
    description:
      'The MIME type the file will be sent with: a video/* type (mp4, quicktime, webm, matroska…).',
  })
  @Rule((contentType: string) =>
    VIDEO_CONTENT_TYPES.has(contentType.toLowerCase())
      ? null
      : `Only video files can be uploaded (${[...VIDEO_CONTENT_TYPES].join(', ')}).`,
  )
  contentType!: string;

  /** The upper bound is the deployment's (VIDEOS_MAX_UPLOAD_BYTES): createUpload checks it. */
  @Field(() => GraphQLSafeInt, {
    description:
      'Exact size of the file in bytes (1 up to the configured limit, 10 GiB by default). A safe integer: GraphQL Int stops at 2 GiB.',
  })
  @Rule((sizeBytes: number) => (sizeBytes >= 1 ? null : 'At least 1 byte.'))
  sizeBytes!: number;

  @Field({ description: 'The title of the new video (1–100 characters).' })
  @TextLength(1, 100)
  title!: string;
}

@ObjectType({ description: 'A header the upload request must carry.' })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: 'One part of a file too big for one request.' })
export class UploadPart {
  @Field(() => Int, { description: '1, 2, 3…: give it back with the ETag in completeUpload.' })
  partNumber!: number;

  @Field({ description: 'The signed URL to PUT this part to.' })
  url!: string;

  @Field(() => GraphQLSafeInt, { description: 'The exact size of this part, in bytes.' })
  sizeBytes!: number;
}

@InputType({ description: 'A part sent, with the ETag header its PUT answered.' })
export class UploadedPartInput {
  @Field(() => Int)
  partNumber!: number;

  @Field()
  etag!: string;
}

@ObjectType({
  description:
    'Where and how to send the file: a signed, expiring request that only accepts this file.',
})
export class UploadTarget {
  @Field({ description: 'The signed URL to send the bytes to.' })
  url!: string;

  @Field({ description: 'The HTTP method (PUT).' })
  method!: string;

  @Field(() => [HttpHeader], { description: 'Headers to send exactly as given.' })
  headers!: HttpHeader[];

  @Field({ description: 'After this the URL is refused; call createUpload again.' })
  expiresAt!: Date;

  @Field(() => [UploadPart], {
    nullable: true,
    description:
      'Set for files sent in parts (bigger than the multipart threshold, 100 MiB by default): PUT each part, with `headers`, to its own URL instead of `url` (which is the first part), then call completeUpload (with every part number and its ETag, or without parts to let the server list them). From resumeUpload: only the parts still missing.',
  })
  parts?: UploadPart[] | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'The size of every part but the last (part n starts at (n − 1) × partSizeBytes); null for one request.',
  })
  partSizeBytes?: number | null;
}

@ObjectType({ description: 'The new video, waiting for its file, and where to send the file.' })
export class CreateUploadPayload {
  @Field(() => Video)
  video!: Video;

  @Field(() => UploadTarget)
  upload!: UploadTarget;
}
