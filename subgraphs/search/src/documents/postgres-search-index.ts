import { type EntityManager } from '@mikro-orm/postgresql';
import {
  Audience,
  type Connection,
  hasRole,
  isUuid,
  Role,
  toConnection,
  type Viewer,
} from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { type SearchDocumentKind, SearchVisibility } from './search-document.entity';
import {
  checkedDocument,
  checkKind,
  cursorKey,
  ownerIdOf,
  parseSearch,
  type SearchArgs,
  type SearchDocumentInput,
  type SearchPort,
  type SearchRemoval,
  TYPENAME,
} from './search-port';
import { bigrams, cjkIndexText, splitText } from './text';

/** SQL for the weighted vector of one field, from its words and its CJK bigrams. */
const FIELD_VECTOR = (weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english', ?) || to_tsvector('simple', ?) || to_tsvector('simple', ?), '${weight}')`;

function fieldParams(text: string): string[] {
  const { words, cjkRuns } = splitText(text);
  return [words, words, cjkIndexText(cjkRuns)];
}

/**
 * The tsquery of a user's text, as SQL with bindings: its words match stemmed or exactly (so
 * "Towers" finds "tower" and "The Who" still finds its stop words), and every CJK run must appear
 * as the phrase of its bigrams (a single CJK character matches as a prefix).
 */
function tsquery(text: string): { sql: string; params: string[] } | null {
  const { words, cjkRuns } = splitText(text);
  const parts: string[] = [];
  const params: string[] = [];
  if (/[\p{L}\p{N}]/u.test(words)) {
    parts.push(`(websearch_to_tsquery('english', ?) || websearch_to_tsquery('simple', ?))`);
    params.push(words, words);
  }
  for (const run of cjkRuns) {
    if (run.length === 1) {
      // One letter of a CJK script: no quote or backslash can reach the tsquery syntax.
      parts.push(`to_tsquery('simple', ?)`);
      params.push(`'${run[0]}':*`);
    } else {
      parts.push(`phraseto_tsquery('simple', ?)`);
      params.push(bigrams(run).join(' '));
    }
  }
  return parts.length ? { sql: parts.join(' && '), params } : null;
}

/**
 * The embedded search index: PostgreSQL full text in `search.document`, written in the caller's
 * transaction (an event consumer's, so the inbox entry and the change commit together).
 */
export class PostgresSearchIndex implements SearchPort {
  constructor(private readonly em: EntityManager) {}

  async upsert(document: SearchDocumentInput): Promise<void> {
    const { title, body, tags, updatedAt } = checkedDocument(document);
    await this.em.getConnection().execute(
      `insert into "search"."document"
         ("id", "kind", "owner_id", "title", "body", "tags", "visibility", "audience", "published_at", "updated_at", "search_vector")
       values (?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?, ${FIELD_VECTOR('A')} || ${FIELD_VECTOR('B')} || ${FIELD_VECTOR('C')})
       on conflict ("id") do update set
         "kind" = excluded."kind", "owner_id" = excluded."owner_id", "title" = excluded."title",
         "body" = excluded."body", "tags" = excluded."tags", "visibility" = excluded."visibility",
         "audience" = excluded."audience", "published_at" = excluded."published_at",
         "updated_at" = excluded."updated_at", "search_vector" = excluded."search_vector",
         "deleted_at" = null
       where "document"."updated_at" < excluded."updated_at"`,
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
        updatedAt,
        ...fieldParams(title),
        ...fieldParams(tags.join(' ')),
        ...fieldParams(body),
      ],
    );
  }

  /** Leaves a tombstone without the text: it only remembers when the document went. */
  async remove({ id, kind, removedAt = new Date() }: SearchRemoval): Promise<void> {
    if (!isUuid(id)) {
      return;
    }
    checkKind(kind);
    await this.em.getConnection().execute(
      `insert into "search"."document" ("id", "kind", "title", "visibility", "updated_at", "deleted_at")
       values (?, ?, '', 'PRIVATE', ?, ?)
       on conflict ("id") do update set
         "owner_id" = null, "title" = '', "body" = '', "tags" = '{}', "visibility" = 'PRIVATE',
         "published_at" = null, "search_vector" = '',
         "updated_at" = excluded."updated_at", "deleted_at" = excluded."deleted_at"
       where "document"."updated_at" <= excluded."updated_at"`,
      [id, kind, removedAt, removedAt],
    );
  }

  async search(viewer: Viewer | null, args: SearchArgs): Promise<Connection<SearchHit>> {
    const parsed = parseSearch(args);
    const query = tsquery(parsed.text);
    if (!query) {
      return toConnection<SearchHit>([], parsed.first, () => []);
    }
    const params: unknown[] = [...query.params];
    let visible = `(d."visibility" = 'PUBLIC' and d."published_at" <= now() and d."audience" = 'GENERAL')`;
    const ownerId = ownerIdOf(viewer);
    if (hasRole(viewer, Role.ADMIN)) {
      visible = 'true';
    } else if (ownerId) {
      visible = `(${visible} or d."owner_id" = ?)`;
      params.push(ownerId);
    }
    let page = '';
    if (parsed.after) {
      page = `where "score" < ?::real or ("score" = ?::real and "id" > ?)`;
      params.push(parsed.after.score, parsed.after.score, parsed.after.id);
    }
    params.push(parsed.first + 1);
    const rows: { id: string; kind: SearchDocumentKind; score: number }[] = await this.em
      .getConnection()
      .execute(
        `select "id", "kind", "score" from (
           select d."id", d."kind", ts_rank(d."search_vector", q."query") as "score"
           from "search"."document" d, (select ${query.sql} as "query") q
           where d."search_vector" @@ q."query" and d."deleted_at" is null and ${visible}
         ) ranked
         ${page}
         order by "score" desc, "id" asc
         limit ?`,
        params,
      );
    const connection = toConnection(rows, parsed.first, row => cursorKey(parsed, row));
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: { __typename: TYPENAME[node.kind], id: node.id },
      })),
    };
  }
}
