import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  BigIntType,
  Check,
  Entity,
  Enum,
  Index,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { Audience, ConnectionType, PlanTier, PUBLIC_CACHE, UNCACHED } from '@vp/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ProbeResult, type Rendition } from '../transcoding/contracts';

export enum VideoStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(VideoStatus, {
  name: 'VideoStatus',
  description: 'Where a video is between upload and playback.',
});

export enum VideoVisibility {
  PUBLIC = 'PUBLIC',
  UNLISTED = 'UNLISTED',
  PRIVATE = 'PRIVATE',
}
registerEnumType(VideoVisibility, {
  name: 'VideoVisibility',
  description:
    'PUBLIC: listed and searchable once published. UNLISTED: readable by anyone with its id, never listed. PRIVATE: its owner only.',
});

export enum VideoKind {
  VIDEO = 'VIDEO',
  SHORT = 'SHORT',
}
registerEnumType(VideoKind, { name: 'VideoKind', description: 'A regular video or a short.' });

// The public feed and its kind filter read published PUBLIC videos newest first: partial indexes
// hold only those rows, in the feed's order (the id breaks ties, as the cursor does).
@Index({
  name: 'video_public_feed_idx',
  expression:
    `create index "video_public_feed_idx" on "videos"."video" ("published_at" desc, "id" desc) ` +
    `where "visibility" = 'PUBLIC' and "published_at" is not null`,
})
@Index({
  name: 'video_public_feed_by_kind_idx',
  expression:
    `create index "video_public_feed_by_kind_idx" on "videos"."video" ("kind", "published_at" desc, "id" desc) ` +
    `where "visibility" = 'PUBLIC' and "published_at" is not null`,
})
// A channel: its owner pages through everything by creation time, others through what is published.
@Index({
  name: 'video_owner_created_idx',
  expression: `create index "video_owner_created_idx" on "videos"."video" ("owner_id", "created_at" desc, "id" desc)`,
})
@Index({
  name: 'video_owner_public_idx',
  expression:
    `create index "video_owner_public_idx" on "videos"."video" ("owner_id", "published_at" desc, "id" desc) ` +
    `where "visibility" = 'PUBLIC' and "published_at" is not null`,
})
@Check({ name: 'video_description_length_check', expression: 'char_length("description") <= 5000' })
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CACHE)
@ObjectType({ description: 'A video or a short, owned by one user.' })
@Entity({ tableName: 'video' })
export class Video {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The owner lives in the users subgraph: only its id is stored here. */
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Field({ description: 'Up to 100 characters.' })
  @Property({ type: 'string', length: 100 })
  title!: string;

  @Field({ description: 'Up to 5000 characters; empty when not given.' })
  @Property({ type: 'text', default: '' })
  description: string = '';

  @Field(() => [String])
  @Property({ type: ArrayType, default: '{}' })
  tags: string[] = [];

  @Field(() => VideoStatus)
  @Enum({ items: () => VideoStatus, default: VideoStatus.AWAITING_UPLOAD })
  status: VideoStatus = VideoStatus.AWAITING_UPLOAD;

  @Field(() => VideoVisibility)
  @Enum({ items: () => VideoVisibility, default: VideoVisibility.PRIVATE })
  visibility: VideoVisibility = VideoVisibility.PRIVATE;

  @Field(() => VideoKind)
  @Enum({ items: () => VideoKind, default: VideoKind.VIDEO })
  kind: VideoKind = VideoKind.VIDEO;

  @Field(() => PlanTier, { description: 'The lowest plan that may play it.' })
  @Enum({ items: () => PlanTier, default: PlanTier.FREE })
  requiredPlan: PlanTier = PlanTier.FREE;

  @Field(() => Audience)
  @Enum({ items: () => Audience, default: Audience.GENERAL })
  audience: Audience = Audience.GENERAL;

  /** One of the seeded categories (`videos.category`), or null; read through `Video.category`. */
  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Known once the upload has been probed.' })
  @Property({ type: 'integer', nullable: true })
  durationSeconds: number | null = null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it became (or becomes) visible to others.',
  })
  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @Directive(UNCACHED)
  @Field(() => String, {
    nullable: true,
    description: 'Why processing failed (FAILED only); safe to show the uploader.',
  })
  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  /** What the uploader declared in createUpload; completeUpload checks the stored object against it. */
  @Property({ type: 'string', length: 255, default: '' })
  sourceFilename: string = '';

  @Property({ type: 'string', length: 100, nullable: true })
  sourceContentType: string | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  sourceSizeBytes: number | null = null;

  /** The S3 multipart upload of a file too big for one PUT, until completeUpload finishes it. */
  @Property({ type: 'string', length: 1024, nullable: true })
  multipartUploadId: string | null = null;

  /** ffprobe's facts about the accepted upload (the job transcodes from them). */
  @Property({ type: 'json', nullable: true })
  probe: ProbeResult | null = null;

  /**
   * The HLS ladder: while PROCESSING the rungs playable so far (progressive publishing), once READY
   * all of them; playlists are relative to `videos/<id>/`.
   */
  @Property({ type: 'json', nullable: true })
  renditionList: Rendition[] | null = null;

  /**
   * When its lowest rung's first segments were stored and it became playable (while PROCESSING);
   * reported by `videoProcessing`. Null before, and for videos made READY before this existed.
   */
  @Property({ type: 'datetime', nullable: true })
  playableAt: Date | null = null;

  /** Storage keys of the outputs, all under `videos/<id>/`. */
  @Property({ type: 'string', length: 300, nullable: true })
  masterPlaylistKey: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  posterKey: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  storyboardImageKey: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  storyboardVttKey: string | null = null;

  /**
   * Catalog content (the catalog's CatalogVideoChanged): the episode that plays this video now,
   * null when none does.
   */
  @Property({ type: 'uuid', nullable: true })
  catalogEpisodeId: string | null = null;

  /**
   * When an episode first took this video: from then on it is catalog content for good — PRIVATE,
   * never published or listed on its own, playable only through the catalog.
   */
  @Property({ type: 'datetime', nullable: true })
  catalogSince: Date | null = null;

  /** The `changedAt` of the last CatalogVideoChanged applied: older deliveries change nothing. */
  @Property({ type: 'datetime', nullable: true })
  catalogChangedAt: Date | null = null;

  /**
   * When a moderator took the video down (users' ContentTakenDown): from then on only its owner and
   * admins see it, marked so, and nobody plays it (moderation/).
   */
  @Directive(UNCACHED)
  @Field(() => Date, {
    nullable: true,
    description: 'When a moderator took it down (only its owner and admins still see it).',
  })
  @Property({ type: 'datetime', nullable: true })
  takenDownAt: Date | null = null;

  @Directive(UNCACHED)
  @Field(() => String, { nullable: true, description: 'Why it was taken down.' })
  @Property({ type: 'string', length: 1000, nullable: true })
  takedownReason: string | null = null;

  /**
   * While its owner is suspended (users' UserSuspensionChanged): until when; the far future for a
   * suspension until lifted. Hidden from everyone else until then.
   */
  @Property({ type: 'datetime', nullable: true })
  ownerSuspendedUntil: Date | null = null;

  @Field()
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Declared at load time: type-graphql only knows the object types that exist before the schema is built. */
export const VideoConnection = ConnectionType(Video);
