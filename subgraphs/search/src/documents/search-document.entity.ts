import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Audience, PlanTier } from '@vp/kit';

/**
 * What a document stands for; each kind is an entity of another subgraph: VIDEO and SHORT are
 * videos' Video, LIVE_STREAM live's LiveStream, TITLE catalog's Title, CHANNEL users' User.
 */
export enum SearchDocumentKind {
  VIDEO = 'VIDEO',
  SHORT = 'SHORT',
  LIVE_STREAM = 'LIVE_STREAM',
  TITLE = 'TITLE',
  CHANNEL = 'CHANNEL',
}

/** A live stream's state, as its events tell it. */
export enum LiveStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
}

const LISTED = `where "deleted_at" is null and "visibility" = 'PUBLIC' and "published_at" is not null`;

export enum SearchVisibility {
  PUBLIC = 'PUBLIC',
  UNLISTED = 'UNLISTED',
  PRIVATE = 'PRIVATE',
}

/**
 * One searchable thing, copied from the events of the subgraph that owns it (this subgraph never
 * reads other schemas). `searchVector` is derived from title, tags and body by SearchIndex.upsert.
 */
@Index({
  name: 'document_search_vector_idx',
  expression: `create index "document_search_vector_idx" on "search"."document" using gin ("search_vector")`,
})
@Index({
  name: 'document_title_vector_idx',
  expression: `create index "document_title_vector_idx" on "search"."document" using gin ("title_vector")`,
})
@Index({
  name: 'document_head_vector_idx',
  expression: `create index "document_head_vector_idx" on "search"."document" using gin ("head_vector")`,
})
@Index({ name: 'document_owner_idx', properties: ['ownerId'] })
// What feeds and filters walk: listed documents newest first, by kind, owner and category; tags.
@Index({
  name: 'document_listed_idx',
  expression: `create index "document_listed_idx" on "search"."document" ("published_at" desc, "id" desc) ${LISTED}`,
})
@Index({
  name: 'document_listed_kind_idx',
  expression: `create index "document_listed_kind_idx" on "search"."document" ("kind", "published_at" desc, "id" desc) ${LISTED}`,
})
@Index({
  name: 'document_listed_owner_idx',
  expression: `create index "document_listed_owner_idx" on "search"."document" ("owner_id", "published_at" desc) ${LISTED}`,
})
@Index({
  name: 'document_listed_category_idx',
  expression: `create index "document_listed_category_idx" on "search"."document" ("category_id", "published_at" desc) ${LISTED}`,
})
@Index({
  name: 'document_tags_idx',
  expression: `create index "document_tags_idx" on "search"."document" using gin ("tags") ${LISTED}`,
})
@Entity({ tableName: 'document' })
export class SearchDocument {
  /** The id of the video, live stream or title itself. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: () => SearchDocumentKind })
  kind!: SearchDocumentKind;

  @Property({ type: 'uuid', nullable: true })
  ownerId: string | null = null;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', default: '' })
  body: string = '';

  @Property({ type: ArrayType, default: '{}' })
  tags: string[] = [];

  @Enum({ items: () => SearchVisibility, default: SearchVisibility.PUBLIC })
  visibility: SearchVisibility = SearchVisibility.PUBLIC;

  @Enum({ items: () => Audience, default: Audience.GENERAL })
  audience: Audience = Audience.GENERAL;

  /** One of the seeded categories (videos), or null. */
  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  /** Videos' length in seconds (null for other kinds, or not known yet). */
  @Property({ type: 'real', nullable: true })
  durationSeconds: number | null = null;

  /** The lowest plan that may play it (search lists it anyway: playback decides). */
  @Enum({ items: () => PlanTier, default: PlanTier.FREE })
  requiredPlan: PlanTier = PlanTier.FREE;

  /** A live stream's state (null for other kinds). */
  @Enum({ items: () => LiveStatus, nullable: true })
  liveStatus: LiveStatus | null = null;

  /**
   * A catalog title's licences: per territory, when its last window ends (`{"JP": "2027-…"}`).
   * Found only where that is still to come; null for kinds that need no licence.
   */
  @Property({ type: 'json', nullable: true })
  licences: Record<string, string> | null = null;

  /** Null while unpublished; listed for everyone once this time has come. */
  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  /** The source's change time: an older event never overwrites a newer one. */
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  /**
   * Set on a tombstone: the source removed it at this time. The row stays (without its text) so
   * that a late delivery of an older change cannot bring the document back.
   */
  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Property({ columnType: 'tsvector', type: 'string', default: '', lazy: true, hidden: true })
  searchVector?: string;

  /** The title's part of the vector (relevance tier 1: the whole query in the title). */
  @Property({ columnType: 'tsvector', type: 'string', default: '', lazy: true, hidden: true })
  titleVector?: string;

  /** Title and tags (tier 2). */
  @Property({ columnType: 'tsvector', type: 'string', default: '', lazy: true, hidden: true })
  headVector?: string;
}
