import { IntRange, Rule } from '@vp/kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The largest avatar accepted, declared and stored alike. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** Declared types accepted; the file's first bytes must then say the same. */
export const AVATAR_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
]);

@InputType({ description: 'The picture about to be sent; the file itself goes to `url`.' })
export class CreateAvatarUploadInput {
  @Field({
    description:
      'The MIME type the file will be sent with: image/png, image/jpeg, image/webp or image/gif.',
  })
  @Rule((contentType: string) =>
    AVATAR_CONTENT_TYPES.has(contentType)
      ? null
      : `Only PNG, JPEG, WebP or GIF pictures can be avatars (${[...AVATAR_CONTENT_TYPES].join(', ')}).`,
  )
  contentType!: string;

  @Field(() => Int, {
    description: `Exact size of the file in bytes, 1 to ${AVATAR_MAX_BYTES} (5 MB).`,
  })
  @IntRange(1, AVATAR_MAX_BYTES)
  sizeBytes!: number;
}

@ObjectType({ description: 'A header the avatar upload request must carry.' })
export class AvatarUploadHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({
  description:
    'Where to send an avatar: PUT the bytes to `url` with `headers`, then call completeAvatarUpload(uploadId).',
})
export class AvatarUpload {
  @Field(() => ID, { description: 'Give it to completeAvatarUpload once the file is sent.' })
  uploadId!: string;

  @Field()
  url!: string;

  @Field()
  method!: string;

  @Field(() => [AvatarUploadHeader])
  headers!: AvatarUploadHeader[];

  @Field({ description: 'The URL works once, until then.' })
  expiresAt!: Date;
}
