import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A phrase `searchSuggestions` may offer, and the normalised key its prefix is matched on: a
 * document's title (also from each later word, so "kit" completes "Cute kittens"), tags, and a
 * channel's name and handle. Only documents everyone may find (PUBLIC, not removed) have rows,
 * rewritten with the document; what depends on time or the viewer (published by now, ADULT,
 * licensed in the viewer's territory) is kept beside the key and checked when asked.
 */
@Index({
  name: 'suggestion_key_idx',
  expression: `create index "suggestion_key_idx" on "search"."suggestion" ("key" text_pattern_ops)`,
})
@Index({
  name: 'suggestion_prefix1_idx',
  expression: `create index "suggestion_prefix1_idx" on "search"."suggestion" (left("key", 1), "weight" desc)`,
})
@Index({
  name: 'suggestion_prefix2_idx',
  expression: `create index "suggestion_prefix2_idx" on "search"."suggestion" (left("key", 2), "weight" desc)`,
})
@Index({
  name: 'suggestion_prefix3_idx',
  expression: `create index "suggestion_prefix3_idx" on "search"."suggestion" (left("key", 3), "weight" desc)`,
})
@Entity({ tableName: 'suggestion' })
export class Suggestion {
  @PrimaryKey({ type: 'uuid' })
  documentId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  phrase!: string;

  /** How popular the document is: ⌊log2(1 + views)⌋, moved when a view crosses a power of two. */
  @Property({ type: 'smallint', default: 0 })
  weight: number = 0;

  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @Property({ type: 'text' })
  audience!: string;

  @Property({ type: 'json', nullable: true })
  licences: Record<string, string> | null = null;
}

/**
 * Latin words of indexed titles, tags and channel names: the vocabulary a misspelt query word is
 * corrected against (pg_trgm similarity, `term_trgm_idx` made by the migration when the server
 * has the extension). `documents` counts the upserts that used it: an approximate popularity.
 */
@Entity({ tableName: 'term' })
export class Term {
  @PrimaryKey({ type: 'text' })
  word!: string;

  @Property({ type: 'integer', default: 1 })
  documents: number = 1;
}
