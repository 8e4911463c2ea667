import { createHash } from 'node:crypto';
import {
  type Audience,
  badInput,
  checkPageSize,
  type Connection,
  decodeCursor,
  isUuid,
  type Viewer,
} from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { SearchDocumentKind, type SearchVisibility } from './search-document.entity';

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
  /** The source's change time (the event's occurredAt): the document's version. Defaults to now. */
  updatedAt?: Date;
}

export interface SearchRemoval {
  id: string;
  kind: SearchDocumentKind;
  /** When the source removed it (the event's occurredAt); defaults to now. */
  removedAt?: Date;
}

export interface SearchArgs {
  query: string;
  first: number;
  after?: string | null;
}

/**
 * The search index, whatever holds it (PostgreSQL by default, Elasticsearch 8 when configured).
 * Writes come from events delivered at least once and possibly out of order, so both
 * implementations converge the same way:
 * - a document's version is its `updatedAt`; an upsert applies only if strictly newer than what
 *   is stored (a duplicate or an older delivery changes nothing);
 * - a removal leaves a tombstone versioned by `removedAt`, which wins over an upsert of the same or
 *   an older time (a late update never brings a deleted document back); an upsert newer than the
 *   tombstone (a title licensed again) does.
 */
export interface SearchPort {
  upsert(document: SearchDocumentInput): Promise<void>;
  remove(removal: SearchRemoval): Promise<void>;
  /** The documents the viewer may find: see README "Who finds what". */
  search(viewer: Viewer | null, args: SearchArgs): Promise<Connection<SearchHit>>;
}

export const MAX_QUERY_LENGTH = 200;
/** Long bodies add little to ranking and a tsvector has a size limit: index their start only. */
export const MAX_BODY = 10_000;
export const MAX_TAGS = 50;

export const TYPENAME: Record<SearchDocumentKind, SearchHit['__typename']> = {
  VIDEO: 'Video',
  LIVE_STREAM: 'LiveStream',
  TITLE: 'Title',
};

/** The document as both implementations store it: checked, trimmed and capped. */
export function checkedDocument(document: SearchDocumentInput) {
  if (!isUuid(document.id) || (document.ownerId != null && !isUuid(document.ownerId))) {
    throw new Error('A search document needs uuid ids.');
  }
  checkKind(document.kind);
  const title = document.title.trim();
  if (!title) {
    throw new Error('A search document needs a title.');
  }
  return {
    title,
    body: (document.body ?? '').slice(0, MAX_BODY),
    tags: (document.tags ?? []).slice(0, MAX_TAGS),
    updatedAt: document.updatedAt ?? new Date(),
  };
}

export function checkKind(kind: SearchDocumentKind) {
  if (!Object.values(SearchDocumentKind).includes(kind)) {
    throw new Error(`Unknown search document kind ${String(kind)}.`);
  }
}

/** Cursors carry the score and id of the last hit, and which query they belong to. */
const queryTag = (text: string) =>
  createHash('sha256').update(text).digest('base64url').slice(0, 10);

export interface ParsedSearch {
  /** The trimmed query. */
  text: string;
  first: number;
  /** Names the query in its cursors, so a cursor of another query is refused. */
  tag: string;
  /** Where the previous page ended. */
  after: { score: number; id: string } | null;
}

/**
 * Checks the query, page size and cursor the same way for every implementation. Through GraphQL the
 * rules on SearchArgs have already refused a bad query or size with the same problems; this guards
 * the port's other callers.
 */
export function parseSearch(args: SearchArgs): ParsedSearch {
  const text = args.query.trim();
  const length = [...text].length;
  if (length < 1 || length > MAX_QUERY_LENGTH) {
    throw badInput(`query: 1 to ${MAX_QUERY_LENGTH} characters.`, [
      { field: 'query', message: `1 to ${MAX_QUERY_LENGTH} characters.` },
    ]);
  }
  const first = checkPageSize(args.first);
  const tag = queryTag(text.normalize('NFKC'));
  return { text, first, tag, after: args.after ? decodeSearchCursor(args.after, tag) : null };
}

function decodeSearchCursor(cursor: string, tag: string): { score: number; id: string } {
  const [label, score, id, ...rest] = decodeCursor(cursor);
  if (
    rest.length === 0 &&
    label === tag &&
    typeof score === 'number' &&
    Number.isFinite(score) &&
    isUuid(id)
  ) {
    return { score, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor of this search.' },
  ]);
}

/** The cursor of a hit: `[query tag, score, id]`. */
export const cursorKey = (search: ParsedSearch, hit: { score: number; id: string }) => [
  search.tag,
  hit.score,
  hit.id,
];

/** A viewer's id when it can own documents (tokens of other kinds of subject own nothing). */
export const ownerIdOf = (viewer: Viewer | null) =>
  viewer && isUuid(viewer.id) ? viewer.id : null;
