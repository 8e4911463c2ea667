import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, isUuid } from '@vp/kit';
import { SearchDocumentKind, SearchVisibility } from './search-document.entity';
import { cjkIndexText, splitText } from './text';

export interface SearchDocumentInput {
  id: string;
  kind: SearchDocumentKind;
  ownerId?: string | null;
  title: string;
  body?: string;
  tags?: string[];
  visibility?: SearchVisibility;
  audience?: Audience;
  publishedAt?: Date | null;
  /** The source's change time; defaults to now. */
  updatedAt?: Date;
}

/** Long bodies add little to ranking and a tsvector has a size limit: index their start only. */
const MAX_BODY = 10_000;
const MAX_TAGS = 50;

/** SQL for the weighted vector of one field, from its words and its CJK bigrams. */
const FIELD_VECTOR = (weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english', ?) || to_tsvector('simple', ?) || to_tsvector('simple', ?), '${weight}')`;

function fieldParams(text: string): string[] {
  const { words, cjkRuns } = splitText(text);
  return [words, words, cjkIndexText(cjkRuns)];
}

/**
 * Writes and removes search documents. The event consumers of later issues call it (video
 * published or changed, stream scheduled, title licensed…); deliveries are at least once and may
 * come out of order, so an upsert older than the stored document changes nothing.
 */
export class SearchIndex {
  constructor(private readonly em: EntityManager) {}

  async upsert(document: SearchDocumentInput): Promise<void> {
    if (!isUuid(document.id) || (document.ownerId != null && !isUuid(document.ownerId))) {
      throw new Error('A search document needs uuid ids.');
    }
    if (!Object.values(SearchDocumentKind).includes(document.kind)) {
      throw new Error(`Unknown search document kind ${String(document.kind)}.`);
    }
    const title = document.title.trim();
    if (!title) {
      throw new Error('A search document needs a title.');
    }
    const body = (document.body ?? '').slice(0, MAX_BODY);
    const tags = (document.tags ?? []).slice(0, MAX_TAGS);
    await this.em.getConnection().execute(
      `insert into "search"."document"
         ("id", "kind", "owner_id", "title", "body", "tags", "visibility", "audience", "published_at", "updated_at", "search_vector")
       values (?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?, ${FIELD_VECTOR('A')} || ${FIELD_VECTOR('B')} || ${FIELD_VECTOR('C')})
       on conflict ("id") do update set
         "kind" = excluded."kind", "owner_id" = excluded."owner_id", "title" = excluded."title",
         "body" = excluded."body", "tags" = excluded."tags", "visibility" = excluded."visibility",
         "audience" = excluded."audience", "published_at" = excluded."published_at",
         "updated_at" = excluded."updated_at", "search_vector" = excluded."search_vector"
       where "document"."updated_at" <= excluded."updated_at"`,
      [
        document.id,
        document.kind,
        document.ownerId ?? null,
        title,
        body,
        JSON.stringify(tags),
        document.visibility ?? SearchVisibility.PUBLIC,
        document.audience ?? Audience.GENERAL,
        document.publishedAt ?? null,
        document.updatedAt ?? new Date(),
        ...fieldParams(title),
        ...fieldParams(tags.join(' ')),
        ...fieldParams(body),
      ],
    );
  }

  async remove(id: string): Promise<void> {
    if (isUuid(id)) {
      await this.em.getConnection().execute(`delete from "search"."document" where "id" = ?`, [id]);
    }
  }
}
