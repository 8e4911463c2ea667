import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Audience } from '@vp/kit';

/** What a document stands for; each kind is an entity of another subgraph. */
export enum SearchDocumentKind {
  VIDEO = 'VIDEO',
  LIVE_STREAM = 'LIVE_STREAM',
  TITLE = 'TITLE',
}

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
@Index({ name: 'document_owner_idx', properties: ['ownerId'] })
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
}
