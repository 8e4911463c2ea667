import { createHash } from 'node:crypto';
import { type EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  checkPageSize,
  type Connection,
  decodeCursor,
  hasRole,
  isUuid,
  Role,
  toConnection,
  type Viewer,
} from '@vp/kit';
import { SearchDocumentKind } from '../documents/search-document.entity';
import { bigrams, splitText } from '../documents/text';
import { type SearchHit } from './search-result';

export const MAX_QUERY_LENGTH = 200;

const TYPENAME: Record<SearchDocumentKind, SearchHit['__typename']> = {
  VIDEO: 'Video',
  LIVE_STREAM: 'LiveStream',
  TITLE: 'Title',
};

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

/** Cursors carry the rank and id of the last hit, and which query they belong to. */
const queryTag = (text: string) =>
  createHash('sha256').update(text).digest('base64url').slice(0, 10);

function decodeSearchCursor(cursor: string, tag: string): { rank: number; id: string } {
  const [label, rank, id, ...rest] = decodeCursor(cursor);
  if (
    rest.length === 0 &&
    label === tag &&
    typeof rank === 'number' &&
    Number.isFinite(rank) &&
    isUuid(id)
  ) {
    return { rank, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor of this search.' },
  ]);
}

/**
 * Full-text search over the documents the viewer may see: what is public and published to
 * everyone (adult content only once age verification reaches this subgraph), everything of their
 * own to an owner, everything to admins. Best match first (title over tags over body), then by id.
 */
export async function search(
  em: EntityManager,
  viewer: Viewer | null,
  args: { query: string; first: number; after?: string | null },
): Promise<Connection<SearchHit>> {
  const text = args.query.trim();
  const length = [...text].length;
  if (length < 1 || length > MAX_QUERY_LENGTH) {
    throw badInput(`The query must be 1 to ${MAX_QUERY_LENGTH} characters.`, [
      { field: 'query', message: `1 to ${MAX_QUERY_LENGTH} characters.` },
    ]);
  }
  const first = checkPageSize(args.first);
  const tag = queryTag(text.normalize('NFKC'));
  const cursor = args.after ? decodeSearchCursor(args.after, tag) : null;
  const query = tsquery(text);
  if (!query) {
    return toConnection<SearchHit>([], first, () => []);
  }

  const params: unknown[] = [...query.params];
  let visible = `(d."visibility" = 'PUBLIC' and d."published_at" <= now() and d."audience" = 'GENERAL')`;
  if (hasRole(viewer, Role.ADMIN)) {
    visible = 'true';
  } else if (viewer && isUuid(viewer.id)) {
    visible = `(${visible} or d."owner_id" = ?)`;
    params.push(viewer.id);
  }
  let page = '';
  if (cursor) {
    page = `where "rank" < ?::real or ("rank" = ?::real and "id" > ?)`;
    params.push(cursor.rank, cursor.rank, cursor.id);
  }
  params.push(first + 1);
  const rows: { id: string; kind: SearchDocumentKind; rank: number }[] = await em
    .getConnection()
    .execute(
      `select "id", "kind", "rank" from (
       select d."id", d."kind", ts_rank(d."search_vector", q."query") as "rank"
       from "search"."document" d, (select ${query.sql} as "query") q
       where d."search_vector" @@ q."query" and ${visible}
     ) ranked
     ${page}
     order by "rank" desc, "id" asc
     limit ?`,
      params,
    );
  const connection = toConnection(rows, first, row => [tag, row.rank, row.id]);
  return {
    ...connection,
    edges: connection.edges.map(({ cursor: edgeCursor, node }) => ({
      cursor: edgeCursor,
      node: { __typename: TYPENAME[node.kind], id: node.id },
    })),
  };
}
