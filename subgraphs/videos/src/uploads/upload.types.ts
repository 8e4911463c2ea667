import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Video } from '../videos/video.entity';

@InputType({
  description: 'What the uploader is about to send; the file itself goes to `upload.url`.',
})
export class CreateUploadInput {
  @Field({
    description: "The file's name on the uploader's device (1–255 characters), kept for reference.",
  })
  filename!: string;

  @Field({
    description:
      'The MIME type the file will be sent with: a video/* type (mp4, quicktime, webm, matroska…).',
  })
  contentType!: string;

  @Field(() => GraphQLSafeInt, {
    description:
      'Exact size of the file in bytes (1 up to the configured limit, 10 GiB by default). A safe integer: GraphQL Int stops at 2 GiB.',
  })
  sizeBytes!: number;

  @Field({ description: 'The title of the new video (1–100 characters).' })
  title!: string;
}

@ObjectType({ description: 'A header the upload request must carry.' })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
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
}

@ObjectType({ description: 'The new video, waiting for its file, and where to send the file.' })
export class CreateUploadPayload {
  @Field(() => Video)
  video!: Video;

  @Field(() => UploadTarget)
  upload!: UploadTarget;
}
