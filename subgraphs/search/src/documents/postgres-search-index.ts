import { json, TEXT_ARRAY } from '../sql';
import { type EntityManager } from '@mikro-orm/postgresql';
import { Audience, type Connection, isUuid, toConnection } from '@vp/kit';
import { type SearchHit } from '../results/search-result';
import { type SearchScope } from '../viewer/scope';
import { type SearchDocumentKind, SearchVisibility } from './search-document.entity';
import {
  checkedDocument,
  checkKind,
  cursorKey,
  type ParsedSearch,
  parseSearch,
  parseSuggest,
  type SearchArgs,
  type SearchDocumentInput,
  type SearchPort,
  type SearchRemoval,
  SearchSort,
  suggestionKey,
  type SuggestArgs,
  TYPENAME,
} from './search-port';
import {
  bigrams,
  cjkIndexText,
  latinWords,
  queryText,
  queryTokens,
  splitText,
  suggestionEntries,
} from './text';

/** SQL for the weighted vector of one field, from its words and its CJK bigrams. */
const FIELD_VECTOR = (weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english', ?) || to_tsvector('simple', ?) || to_tsvector('simple', ?), '${weight}')`;

/** ts_rank's weights for D, C, B, A: body 1, tags 2, title 3 (the field boosts). */
const RANK_WEIGHTS = `'{0.1, 0.1, 0.2, 0.3}'`;

/** Relevance tiers, best first: where the whole query matched (see byRelevance). */
const TIERS = [
  { tier: 3, vector: '"title_vector"', above: null },
  { tier: 2, vector: '"head_vector"', above: '"title_vector"' },
  { tier: 1, vector: '"search_vector"', above: '"head_vector"' },
] as const;
/** A tier's scores are `tier × TIER_SCALE + ts_rank` (ts_rank of these weights stays far below). */
const TIER_SCALE = 1000;
/** How many listed documents NEWEST and MOST_VIEWED look through before asking the index. */
const DENSE_WINDOW = { NEWEST: 2000, MOST_VIEWED: 1000 };
/** Suggestion rows read per phrase wanted (several documents may suggest the same phrase). */
const SUGGESTION_ROWS_PER_PHRASE = 5;

/** A suggestion's weight from a view count: ⌊log2(1 + views)⌋ (changes at powers of two). */
export const SUGGESTION_WEIGHT = (views: string) => `floor(log(2, 1 + ${views}))::smallint`;

/** A time as whole microseconds since 1970 (exact in a double, as cursors carry it). */
const MICROSECONDS = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

type TsQuery = { sql: string; params: string[] };
type Row = { id: string; kind: SearchDocumentKind; value: number };

/** RELEVANCE order: the higher value first, then the lower id (uuids: text order is byte order). */
const byValueThenId = (a: Row, b: Row) =>
  b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function fieldParams(text: string): string[] {
  const { words, cjkRuns } = splitText(text);
  return [words, words, cjkIndexText(cjkRuns)];
}

/** Words of at least this many letters unknown to the vocabulary are corrected. */
const MIN_CORRECTED_LENGTH = 4;
/** Corrections tried per misspelt word (each makes one more variant of the query). */
const CORRECTIONS_PER_WORD = 2;

/** Where pg_trgm lives in each database (null: not installed), looked up once per process. */
const trgmSchemas = new Map<string, Promise<string | null>>();

function trgmSchema(em: EntityManager): Promise<string | null> {
  const key = String(em.config.get('clientUrl'));
  let found = trgmSchemas.get(key);
  if (!found) {
    found = em
      .getConnection()
      .execute(
        `select n.nspname as "schema" from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`,
      )
      .then(rows => (rows[0] as { schema?: string } | undefined)?.schema ?? null)
      .catch(() => null);
    trgmSchemas.set(key, found);
  }
  return found;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Escapes LIKE's wildcards in a prefix. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, char => `\\${char}`)}%`;

/**
 * What everyone in the scope may find, as SQL on `alias`: published by now, not ADULT unless the
 * viewer is age-verified, licensed in the viewer's territory (titles). `visibility: false` for
 * the suggestion table, which holds PUBLIC documents only.
 */
export function listedSql(
  scope: Pick<SearchScope, 'adult' | 'territory'> & Partial<Pick<SearchScope, 'hiddenOwners'>>,
  alias = 'd',
  { visibility = true } = {},
): { sql: string; params: unknown[] } {
  // the suggestion table (visibility: false) knows no owners: its phrases are text only
  const hidden = visibility && scope.hiddenOwners?.length ? scope.hiddenOwners : null;
  return {
    sql:
      `(${visibility ? `${alias}."visibility" = 'PUBLIC' and ` : ''}${alias}."published_at" <= now()` +
      ` and ${scope.adult ? 'true' : `${alias}."audience" = 'GENERAL'`}` +
      ` and (${alias}."licences" is null or (${alias}."licences" ->> ?)::timestamptz > now())` +
      (hidden ? ` and (${alias}."owner_id" is null or ${alias}."owner_id" not in (?))` : '') +
      ')',
    params: hidden ? [scope.territory, hidden] : [scope.territory],
  };
}

/**
 * Who finds what in search, as SQL on the document alias `d`: what is listed for everyone in the
 * scope, plus an owner's own documents, and everything for ADMINs.
 */
export function visibleSql(scope: SearchScope, alias = 'd'): { sql: string; params: unknown[] } {
  if (scope.admin) {
    return { sql: 'true', params: [] };
  }
  const listed = listedSql(scope, alias);
  if (scope.ownerId) {
    return {
      sql: `(${listed.sql} or ${alias}."owner_id" = ?)`,
      params: [...listed.params, scope.ownerId],
    };
  }
  return listed;
}

/**
 * The embedded search index: PostgreSQL full text in `search.document`, written in the caller's
 * transaction (an event consumer's, so the inbox entry and the change commit together). With
 * Elasticsearch configured it is still written, as the catalog discovery reads (trending, feeds,
 * related), and search goes to Elasticsearch.
 */
export class PostgresSearchIndex implements SearchPort {
  constructor(private readonly em: EntityManager) {}

  async upsert(document: SearchDocumentInput): Promise<void> {
    const checked = checkedDocument(document);
    const { title, body, tags, updatedAt } = checked;
    const connection = this.em.getConnection();
    const applied: { id: string }[] = await connection.execute(
      `with v as (select ${FIELD_VECTOR('A')} as "a", ${FIELD_VECTOR('B')} as "b", ${FIELD_VECTOR('C')} as "c")
       insert into "search"."document"
         ("id", "kind", "owner_id", "title", "body", "tags", "visibility", "audience", "published_at", "updated_at",
          "category_id", "duration_seconds", "required_plan", "live_status", "licences",
          "search_vector", "title_vector", "head_vector")
       select ?::uuid, ?, ?::uuid, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?::timestamptz, ?::timestamptz,
              ?::uuid, ?::real, ?, ?, ?::jsonb, v."a" || v."b" || v."c", v."a", v."a" || v."b"
       from v
       on conflict ("id") do update set
         "kind" = excluded."kind", "owner_id" = excluded."owner_id", "title" = excluded."title",
         "body" = excluded."body", "tags" = excluded."tags", "visibility" = excluded."visibility",
         "audience" = excluded."audience", "published_at" = excluded."published_at",
         "updated_at" = excluded."updated_at", "category_id" = excluded."category_id",
         "duration_seconds" = excluded."duration_seconds", "required_plan" = excluded."required_plan",
         "live_status" = excluded."live_status", "licences" = excluded."licences",
         "search_vector" = excluded."search_vector", "title_vector" = excluded."title_vector",
         "head_vector" = excluded."head_vector", "deleted_at" = null
       where "document"."updated_at" < excluded."updated_at"
       returning "id"`,
      [
        ...fieldParams(title),
        ...fieldParams(tags.join(' ')),
        ...fieldParams(body),
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
        checked.categoryId,
        checked.durationSeconds,
        checked.requiredPlan,
        checked.liveStatus,
        checked.licences ? JSON.stringify(checked.licences) : null,
      ],
    );
    if (applied.length === 0) {
      return; // an older or duplicate delivery
    }
    await connection.execute(`delete from "search"."suggestion" where "document_id" = ?`, [
      document.id,
    ]);
    const findable =
      (document.visibility ?? SearchVisibility.PUBLIC) === SearchVisibility.PUBLIC &&
      document.publishedAt != null;
    if (!findable) {
      return;
    }
    const entries = suggestionEntries(title, tags, suggestionKey);
    await connection.execute(
      `insert into "search"."suggestion" ("document_id", "key", "phrase", "weight", "published_at", "audience", "licences")
       select ?, entry ->> 'key', entry ->> 'phrase',
              coalesce((select ${SUGGESTION_WEIGHT('g."view_count"')} from "search"."signal" g where g."video_id" = ?), 0),
              ?, ?, ?::jsonb
       from jsonb_array_elements(?::jsonb) entry
       on conflict do nothing`,
      [
        document.id,
        document.id,
        document.publishedAt,
        document.audience ?? Audience.GENERAL,
        checked.licences ? JSON.stringify(checked.licences) : null,
        JSON.stringify(entries),
      ],
    );
    const words = latinWords(`${title} ${tags.join(' ')}`);
    if (words.length) {
      await connection.execute(
        `insert into "search"."term" ("word", "documents")
         select word, 1 from unnest(${TEXT_ARRAY}) word order by word
         on conflict ("word") do update set "documents" = "term"."documents" + 1`,
        [json(words)],
      );
    }
  }

  /** Leaves a tombstone without the text: it only remembers when the document went. */
  async remove({ id, kind, removedAt = new Date() }: SearchRemoval): Promise<void> {
    if (!isUuid(id)) {
      return;
    }
    checkKind(kind);
    const connection = this.em.getConnection();
    const applied: { id: string }[] = await connection.execute(
      `insert into "search"."document" ("id", "kind", "title", "visibility", "updated_at", "deleted_at")
       values (?, ?, '', 'PRIVATE', ?, ?)
       on conflict ("id") do update set
         "owner_id" = null, "title" = '', "body" = '', "tags" = '{}', "visibility" = 'PRIVATE',
         "published_at" = null, "search_vector" = '', "title_vector" = '', "head_vector" = '',
         "category_id" = null, "duration_seconds" = null,
         "live_status" = null, "licences" = null,
         "updated_at" = excluded."updated_at", "deleted_at" = excluded."deleted_at"
       where "document"."updated_at" <= excluded."updated_at"
       returning "id"`,
      [id, kind, removedAt, removedAt],
    );
    if (applied.length) {
      await connection.execute(`delete from "search"."suggestion" where "document_id" = ?`, [id]);
    }
  }

  /**
   * The tsquery of a user's text, as SQL with bindings: its words match stemmed or exactly (so
   * "Towers" finds "tower" and "The Who" still finds its stop words), a misspelt Latin word also
   * as its nearest known words (pg_trgm), and every CJK run must appear as the phrase of its
   * bigrams (a single CJK character matches as a prefix).
   */
  private async tsquery(text: string): Promise<{ sql: string; params: string[] } | null> {
    const { words, cjkRuns } = splitText(text);
    const parts: string[] = [];
    const params: string[] = [];
    if (/[\p{L}\p{N}]/u.test(words)) {
      const variants = [words, ...(await this.corrected(words))];
      parts.push(
        `(${variants.map(() => `websearch_to_tsquery('english', ?) || websearch_to_tsquery('simple', ?)`).join(' || ')})`,
      );
      for (const variant of variants) {
        params.push(variant, variant);
      }
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
   * Typo tolerance: the query again with each bare Latin word that no indexed title, tag or
   * channel name contains replaced by its nearest known words (trigram similarity), one variant
   * per rank of correction. Quoted phrases and excluded words are left as typed.
   */
  private async corrected(words: string): Promise<string[]> {
    const schema = await trgmSchema(this.em);
    if (!schema) {
      return [];
    }
    const tokens = queryTokens(words);
    const candidates = [
      ...new Set(
        tokens.flatMap(token =>
          token.type === 'word'
            ? latinWords(token.text).filter(word => word.length >= MIN_CORRECTED_LENGTH)
            : [],
        ),
      ),
    ];
    if (!candidates.length) {
      return [];
    }
    const trgm = quoteIdent(schema);
    const rows: { misspelt: string; word: string }[] = await this.em.getConnection().execute(
      `select q."misspelt", t."word" from unnest(${TEXT_ARRAY}) q("misspelt")
       cross join lateral (
         select "word" from "search"."term"
         where "word" operator(${trgm}.%) q."misspelt"
         order by ${trgm}.similarity("word", q."misspelt") desc, "documents" desc, "word"
         limit ${CORRECTIONS_PER_WORD}
       ) t
       where not exists (select 1 from "search"."term" k where k."word" = q."misspelt")`,
      [json(candidates)],
    );
    const corrections = new Map<string, string[]>();
    for (const row of rows) {
      corrections.set(row.misspelt, [...(corrections.get(row.misspelt) ?? []), row.word]);
    }
    if (!corrections.size) {
      return [];
    }
    return Array.from({ length: CORRECTIONS_PER_WORD }, (_, rank) =>
      queryText(
        tokens.map(token => {
          if (token.type !== 'word') {
            return token;
          }
          const word = token.text.normalize('NFKC').toLowerCase();
          const options = corrections.get(word);
          return options
            ? { type: 'word', text: options[Math.min(rank, options.length - 1)] }
            : token;
        }),
      ),
    ).filter((variant, i, all) => variant !== words && all.indexOf(variant) === i);
  }

  async search(scope: SearchScope, args: SearchArgs): Promise<Connection<SearchHit>> {
    const parsed = parseSearch(args);
    const query = await this.tsquery(parsed.text);
    if (!query) {
      return toConnection<SearchHit>([], parsed.first, () => []);
    }
    const rows =
      parsed.sort === SearchSort.RELEVANCE
        ? await this.byRelevance(scope, parsed, query)
        : await this.byValue(scope, parsed, query);
    return hitsConnection(parsed, rows);
  }

  /**
   * RELEVANCE walks three tiers, best first: the whole query matched in the title, in title and
   * tags, anywhere (title^3 > tags^2 > description^1), each ranked by ts_rank (field weights
   * 3:2:1) and scored `tier × 1000 + rank`. Each tier has its own GIN index, so the first page
   * of a common word ranks its title matches only; lower tiers are read when a page needs them.
   *
   * One statement for every tier (a round trip and a query build each cost more CPU than the
   * small queries themselves): each tier is a CTE whose one-time filter lets it run only when
   * the tiers above it found less than a page, so lower tiers are still not read for a full page.
   */
  private async byRelevance(scope: SearchScope, parsed: ParsedSearch, query: TsQuery) {
    const visible = visibleSql(scope);
    const filters = filterSql(parsed);
    const wanted = parsed.first + 1;
    const startTier = parsed.after ? Math.floor(parsed.after.value / TIER_SCALE) : TIERS.length;
    const ctes: string[] = [];
    const params: unknown[] = [];
    const above: string[] = [];
    for (const { tier, vector, above: higher } of TIERS) {
      if (tier > startTier) {
        continue;
      }
      const conditions: string[] = [];
      params.push(...query.params, ...visible.params, ...filters.params);
      if (parsed.after && tier === startTier) {
        conditions.push(`("value" < ?::float8 or ("value" = ?::float8 and "id" > ?))`);
        params.push(parsed.after.value, parsed.after.value, parsed.after.id);
      }
      if (above.length) {
        conditions.push(
          `(${above.map(name => `(select count(*) from "${name}")`).join(' + ')}) < ?`,
        );
        params.push(wanted);
      }
      params.push(wanted);
      const name = `tier${tier}`;
      ctes.push(
        `"${name}" as (
           select "id", "kind", "value" from (
             select d."id", d."kind", (${tier * TIER_SCALE} + ts_rank(${RANK_WEIGHTS}, d."search_vector", q."query"))::float8 as "value"
             from "search"."document" d, (select ${query.sql} as "query") q
             where d.${vector} @@ q."query" ${higher ? `and not d.${higher} @@ q."query"` : ''}
               and d."deleted_at" is null and ${visible.sql} ${filters.sql}
           ) ranked
           ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
           order by "value" desc, "id" asc
           limit ?
         )`,
      );
      above.push(name);
    }
    const rows = (await this.em.getConnection().execute(
      `with ${ctes.join(', ')}
       ${above.map(name => `select * from "${name}"`).join(' union all ')}`,
      params,
    )) as Row[];
    // tiers score apart (tier × TIER_SCALE), so this is the tiers' concatenation, best first
    return rows.sort(byValueThenId).slice(0, wanted);
  }

  /**
   * NEWEST and MOST_VIEWED (ties: the higher id first). A word most documents have is found
   * fastest by walking what is listed in that order and keeping the matches (a bounded window);
   * a rarer one by its index, then sorting the few matches. The window is tried first; when it
   * does not fill the page, the index answers. Owners and admins (who also find what is not
   * listed) always take the index.
   */
  private async byValue(scope: SearchScope, parsed: ParsedSearch, query: TsQuery) {
    const newest = parsed.sort === SearchSort.NEWEST;
    const filters = filterSql(parsed);
    const after = parsed.after;
    if (!scope.ownerId && !scope.admin) {
      const listed = listedSql(scope, 'd');
      const window = newest
        ? `select d."id", d."kind", d."search_vector", ${MICROSECONDS('d."published_at"')} as "value"
           from "search"."document" d
           where d."deleted_at" is null and ${listed.sql} ${filters.sql}
             ${after ? `and (d."published_at", d."id") < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?)` : ''}
           order by d."published_at" desc, d."id" desc limit ${DENSE_WINDOW.NEWEST}`
        : // The most viewed first, from the signal's index; each then looked up by id.
          `select d."id", d."kind", d."search_vector", s."view_count"::float8 as "value"
           from (
             select s."video_id", s."view_count" from "search"."signal" s
             where s."view_count" > 0 ${after ? `and (s."view_count", s."video_id") < (?::bigint, ?)` : ''}
             order by s."view_count" desc, s."video_id" desc limit ${DENSE_WINDOW.MOST_VIEWED}
           ) s
           join "search"."document" d on d."id" = s."video_id"
           where d."deleted_at" is null and ${listed.sql} ${filters.sql}`;
      const rows: Row[] = await this.em.getConnection().execute(
        `select w."id", w."kind", w."value"::float8 as "value"
         from (${window}) w, (select ${query.sql} as "query") q
         where w."search_vector" @@ q."query"
         order by w."value" desc, w."id" desc limit ?`,
        newest
          ? [
              ...listed.params,
              ...filters.params,
              ...(after ? [after.value, after.id] : []),
              ...query.params,
              parsed.first + 1,
            ]
          : [
              ...(after ? [after.value, after.id] : []),
              ...listed.params,
              ...filters.params,
              ...query.params,
              parsed.first + 1,
            ],
      );
      if (rows.length > parsed.first) {
        return rows;
      }
    }
    const visible = visibleSql(scope);
    const value = newest
      ? `coalesce(${MICROSECONDS('d."published_at"')}, 0)::float8`
      : `coalesce((select s."view_count" from "search"."signal" s where s."video_id" = d."id"), 0)::float8`;
    const params: unknown[] = [...query.params, ...visible.params, ...filters.params];
    let page = '';
    if (after) {
      page = `where "value" < ?::float8 or ("value" = ?::float8 and "id" < ?)`;
      params.push(after.value, after.value, after.id);
    }
    params.push(parsed.first + 1);
    return (await this.em.getConnection().execute(
      `select "id", "kind", "value" from (
         select d."id", d."kind", ${value} as "value"
         from "search"."document" d, (select ${query.sql} as "query") q
         where d."search_vector" @@ q."query" and d."deleted_at" is null and ${visible.sql} ${filters.sql}
       ) sorted
       ${page}
       order by "value" desc, "id" desc
       limit ?`,
      params,
    )) as Row[];
  }

  async suggest(scope: SearchScope, args: SuggestArgs): Promise<string[]> {
    const { key, first } = parseSuggest(args);
    // Suggestions are what everyone may find: no owner's drafts, even to the owner or an admin.
    const visible = listedSql(scope, 's', { visibility: false });
    const length = [...key].length;
    // A short prefix has many keys: walk them most popular first (an index per length) and stop
    // once enough distinct phrases are in; a longer one has few, sorted after matching.
    const match =
      length <= 3
        ? {
            sql: `left(s."key", ${length}) = ?`,
            order: `left(s."key", ${length}), s."weight" desc`,
          }
        : { sql: `s."key" like ?`, order: `s."weight" desc` };
    const rows: { phrase: string }[] = await this.em.getConnection().execute(
      `select s."phrase" from "search"."suggestion" s
       where ${match.sql} and ${visible.sql}
       order by ${match.order}
       limit ?`,
      [length <= 3 ? key : likePrefix(key), ...visible.params, first * SUGGESTION_ROWS_PER_PHRASE],
    );
    const phrases: string[] = [];
    for (const { phrase } of rows) {
      if (!phrases.includes(phrase)) {
        phrases.push(phrase);
      }
    }
    return phrases.slice(0, first);
  }
}

/** The filter of a search as SQL conditions on `d` (each starting with `and`). */
export function filterSql(parsed: ParsedSearch): { sql: string; params: unknown[] } {
  const { filter } = parsed;
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.kinds) {
    conditions.push(`d."kind" = any(${TEXT_ARRAY})`);
    params.push(json(filter.kinds));
  }
  if (filter.categoryId) {
    conditions.push(`d."category_id" = ?`);
    params.push(filter.categoryId);
  }
  if (filter.durationMin != null) {
    conditions.push(`d."duration_seconds" >= ?`);
    params.push(filter.durationMin);
  }
  if (filter.durationMax != null) {
    conditions.push(`d."duration_seconds" <= ?`);
    params.push(filter.durationMax);
  }
  if (filter.publishedAfter) {
    conditions.push(`d."published_at" > ?`);
    params.push(filter.publishedAfter);
  }
  if (filter.requiredPlan) {
    conditions.push(`d."required_plan" = ?`);
    params.push(filter.requiredPlan);
  }
  return { sql: conditions.map(condition => `and ${condition}`).join(' '), params };
}

/** Rows in page order (one more than a page) as a connection of typed hits. */
export function hitsConnection(
  parsed: ParsedSearch,
  rows: { id: string; kind: SearchDocumentKind; value: number }[],
): Connection<SearchHit> {
  const connection = toConnection(rows, parsed.first, row => cursorKey(parsed, row));
  return {
    ...connection,
    edges: connection.edges.map(({ cursor, node }) => ({
      cursor,
      node: { __typename: TYPENAME[node.kind], id: node.id },
    })),
  };
}
