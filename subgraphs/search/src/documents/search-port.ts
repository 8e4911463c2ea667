import { createHash } from 'node:crypto';
import {
  type Audience,
  badInput,
  categoryById,
  checkPageSize,
  type Connection,
  decodeCursor,
  type InputProblem,
  isUuid,
  PlanTier,
} from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { type SearchScope } from '../viewer/scope';
import {
  type LiveStatus,
  SearchDocumentKind,
  type SearchVisibility,
} from './search-document.entity';

/** One licence window of a catalog title, as TitleChanged carries it. */
export interface LicenceWindow {
  territories: string[];
  startsAt: Date | string;
  endsAt: Date | string;
}

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
  categoryId?: string | null;
  durationSeconds?: number | null;
  requiredPlan?: PlanTier;
  liveStatus?: LiveStatus | null;
  /** A catalog title's licence windows; null (other kinds) means no licence is needed. */
  licences?: LicenceWindow[] | null;
  /** The source's change time (the event's occurredAt): the document's version. Defaults to now. */
  updatedAt?: Date;
  /**
   * Counted views, for indexes that sort by them themselves (Elasticsearch; PostgreSQL reads
   * `search.signal`). The mirrored index fills it in from the signal.
   */
  viewCount?: number;
}

export interface SearchRemoval {
  id: string;
  kind: SearchDocumentKind;
  /** When the source removed it (the event's occurredAt); defaults to now. */
  removedAt?: Date;
}

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  MOST_VIEWED = 'MOST_VIEWED',
}

export interface SearchFilter {
  /** Kinds of document (SHORT is a kind of its own here); null or absent: every kind. */
  types?: SearchDocumentKind[] | null;
  categoryId?: string | null;
  /** Seconds; documents without a duration (streams, titles, channels) do not match either bound. */
  durationMin?: number | null;
  durationMax?: number | null;
  publishedAfter?: Date | null;
  /** Exactly this plan (FREE: only what every plan plays). */
  requiredPlan?: PlanTier | null;
}

export interface SearchArgs {
  query: string;
  first: number;
  after?: string | null;
  filter?: SearchFilter | null;
  sort?: SearchSort | null;
}

export interface SuggestArgs {
  prefix: string;
  first: number;
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
  /** The documents the scope may find (README "Who finds what"), filtered and sorted. */
  search(scope: SearchScope, args: SearchArgs): Promise<Connection<SearchHit>>;
  /** Titles, tags and channel names starting with the prefix, that everyone in the scope may find. */
  suggest(scope: SearchScope, args: SuggestArgs): Promise<string[]>;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_PREFIX_LENGTH = 100;
/** Long bodies add little to ranking and a tsvector has a size limit: index their start only. */
export const MAX_BODY = 10_000;
export const MAX_TAGS = 50;
/** A day in seconds times 7: no video on the platform is longer (durations beyond are refused). */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;

export const TYPENAME: Record<SearchDocumentKind, SearchHit['__typename']> = {
  VIDEO: 'Video',
  SHORT: 'Video',
  LIVE_STREAM: 'LiveStream',
  TITLE: 'Title',
  CHANNEL: 'User',
};

const TERRITORY = /^[A-Z]{2}$/;

/**
 * A title's licences as stored: for each territory, when its last window ends (ISO-8601). A title
 * is findable in a territory while that is in the future: during a window, and before one starts
 * (announced titles), never after the last has ended.
 */
export function licenceEnds(windows: LicenceWindow[]): Record<string, string> {
  const ends: Record<string, string> = {};
  for (const window of windows) {
    const end = new Date(window.endsAt);
    if (Number.isNaN(end.getTime())) {
      throw new Error('A licence window needs an end time.');
    }
    for (const territory of window.territories) {
      if (!TERRITORY.test(territory)) {
        throw new Error(`Not a territory code: ${territory}.`);
      }
      if (!ends[territory] || Date.parse(ends[territory]) < end.getTime()) {
        ends[territory] = end.toISOString();
      }
    }
  }
  return ends;
}

/** The document as both implementations store it: checked, trimmed and capped. */
export function checkedDocument(document: SearchDocumentInput) {
  if (
    !isUuid(document.id) ||
    (document.ownerId != null && !isUuid(document.ownerId)) ||
    (document.categoryId != null && !isUuid(document.categoryId))
  ) {
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
    categoryId: document.categoryId?.toLowerCase() ?? null,
    durationSeconds:
      document.durationSeconds != null && Number.isFinite(document.durationSeconds)
        ? document.durationSeconds
        : null,
    requiredPlan: document.requiredPlan ?? PlanTier.FREE,
    liveStatus: document.liveStatus ?? null,
    licences: document.licences ? licenceEnds(document.licences) : null,
  };
}

export function checkKind(kind: SearchDocumentKind) {
  if (!Object.values(SearchDocumentKind).includes(kind)) {
    throw new Error(`Unknown search document kind ${String(kind)}.`);
  }
}

/** Cursors carry the sort value and id of the last hit, and which search they belong to. */
const searchTag = (parts: unknown[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);

export interface ParsedFilter {
  kinds: SearchDocumentKind[] | null;
  categoryId: string | null;
  durationMin: number | null;
  durationMax: number | null;
  publishedAfter: Date | null;
  requiredPlan: PlanTier | null;
}

export interface ParsedSearch {
  /** The trimmed query. */
  text: string;
  first: number;
  filter: ParsedFilter;
  sort: SearchSort;
  /** Names the query, filter and sort in its cursors, so a cursor of another search is refused. */
  tag: string;
  /** Where the previous page ended: its sort value (score, time in ms or views) and id. */
  after: { value: number; id: string } | null;
}

const problem = (field: string, message: string): InputProblem => ({ field, message });

function refuse(problems: InputProblem[]): never {
  throw badInput(problems.map(p => `${p.field}: ${p.message}`).join(' '), problems);
}

/** Checks the filter; every problem is named by its field (`filter.categoryId`…). */
export function parseFilter(filter: SearchFilter | null | undefined): ParsedFilter {
  const problems: InputProblem[] = [];
  const kinds = filter?.types ?? null;
  if (
    kinds &&
    (kinds.length === 0 || kinds.some(kind => !Object.values(SearchDocumentKind).includes(kind)))
  ) {
    problems.push(
      problem('filter.types', 'At least one of VIDEO, SHORT, LIVE_STREAM, TITLE, CHANNEL.'),
    );
  }
  let categoryId: string | null = null;
  if (filter?.categoryId != null) {
    const category = isUuid(filter.categoryId) ? categoryById(filter.categoryId) : undefined;
    if (!category) {
      problems.push(problem('filter.categoryId', 'Not a category (see the categories query).'));
    } else {
      categoryId = category.id;
    }
  }
  const duration = (field: 'durationMin' | 'durationMax') => {
    const value = filter?.[field];
    if (value == null) {
      return null;
    }
    if (!Number.isInteger(value) || value < 0 || value > MAX_DURATION_SECONDS) {
      problems.push(problem(`filter.${field}`, `Whole seconds from 0 to ${MAX_DURATION_SECONDS}.`));
      return null;
    }
    return value;
  };
  const durationMin = duration('durationMin');
  const durationMax = duration('durationMax');
  if (durationMin != null && durationMax != null && durationMin > durationMax) {
    problems.push(problem('filter.durationMax', 'Must not be less than durationMin.'));
  }
  const publishedAfter = filter?.publishedAfter ?? null;
  if (publishedAfter && Number.isNaN(publishedAfter.getTime())) {
    problems.push(problem('filter.publishedAfter', 'Not a time.'));
  }
  const requiredPlan = filter?.requiredPlan ?? null;
  if (requiredPlan && !Object.values(PlanTier).includes(requiredPlan)) {
    problems.push(problem('filter.requiredPlan', 'Not a plan tier.'));
  }
  if (problems.length) {
    refuse(problems);
  }
  return {
    kinds: kinds ? [...new Set(kinds)].sort() : null,
    categoryId,
    durationMin,
    durationMax,
    publishedAfter,
    requiredPlan,
  };
}

/**
 * Checks the query, page size, filter, sort and cursor the same way for every implementation.
 * Through GraphQL the rules on SearchArgs have already refused a bad query or size with the same
 * problems; this guards the port's other callers.
 */
export function parseSearch(args: SearchArgs): ParsedSearch {
  const text = args.query.trim();
  const length = [...text].length;
  if (length < 1 || length > MAX_QUERY_LENGTH) {
    refuse([problem('query', `1 to ${MAX_QUERY_LENGTH} characters.`)]);
  }
  const first = checkPageSize(args.first);
  const filter = parseFilter(args.filter);
  const sort = args.sort ?? SearchSort.RELEVANCE;
  if (!Object.values(SearchSort).includes(sort)) {
    refuse([problem('sort', 'RELEVANCE, NEWEST or MOST_VIEWED.')]);
  }
  const tag = searchTag([
    text.normalize('NFKC'),
    sort,
    filter.kinds,
    filter.categoryId,
    filter.durationMin,
    filter.durationMax,
    filter.publishedAfter?.toISOString() ?? null,
    filter.requiredPlan,
  ]);
  return {
    text,
    first,
    filter,
    sort,
    tag,
    after: args.after ? decodeSearchCursor(args.after, tag) : null,
  };
}

function decodeSearchCursor(cursor: string, tag: string): { value: number; id: string } {
  const [label, value, id, ...rest] = decodeCursor(cursor);
  if (
    rest.length === 0 &&
    label === tag &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    isUuid(id)
  ) {
    return { value, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor of this search.' },
  ]);
}

/** The cursor of a hit: `[search tag, sort value, id]`. */
export const cursorKey = (search: ParsedSearch, hit: { value: number; id: string }) => [
  search.tag,
  hit.value,
  hit.id,
];

/** Checks a suggestion request; the prefix comes back normalised as keys are. */
export function parseSuggest(args: SuggestArgs): { key: string; first: number } {
  const key = suggestionKey(args.prefix);
  const length = [...key].length;
  if (length < 1 || length > MAX_PREFIX_LENGTH) {
    refuse([problem('prefix', `1 to ${MAX_PREFIX_LENGTH} characters.`)]);
  }
  return { key, first: checkPageSize(args.first) };
}

/** How suggestion keys and prefixes are compared: NFKC, lower case, single spaces. */
export const suggestionKey = (text: string) =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
