import { json, TEXT_ARRAY, UUID_ARRAY } from '../sql';
import { type EntityManager } from '@mikro-orm/postgresql';
import { listedSql } from '../documents/postgres-search-index';
import { type SearchScope } from '../viewer/scope';

export interface RelatedOptions {
  /** The videos to find neighbours of: one for `related`, a viewer's recent history otherwise. */
  seeds: string[];
  exclude: string[];
  limit: number;
  kinds: readonly ('VIDEO' | 'SHORT')[];
  /** Their own history is not "other people": left out of co-viewing, and what they watched too. */
  viewerKey?: string | null;
  /** Recent viewers read per seed, and recent videos per such viewer (bounds the work). */
  viewersPerSeed?: number;
  videosPerViewer?: number;
}

/** Tags of the seeds compared at most (a long history would otherwise match most documents). */
const MAX_SEED_TAGS = 8;

/** How many of the seeds' tags (at most MAX_SEED_TAGS) document `alias` has. */
const SHARED = (alias: string) =>
  `cardinality(array(select unnest(${alias}."tags") intersect select unnest(st."tags")))::float8`;

/** How the parts weigh: co-viewing most, then shared tags, then the same category. */
export const RELATED_WEIGHTS = { coViewing: 0.6, tags: 0.3, category: 0.1 } as const;

/**
 * "People who watched this also watched", blended with shared tags and category: candidates are
 * the other recent videos of the seeds' recent viewers (counted), documents sharing a tag with the
 * seeds (how many tags they share, over the seeds' tags), and the newest of the seeds' categories.
 * Each part is scaled to 0–1 and weighted (RELATED_WEIGHTS); popularity breaks near-ties. Never
 * a seed itself, only what the scope may see, bounded reads throughout.
 */
export async function relatedIds(
  em: EntityManager,
  scope: SearchScope,
  options: RelatedOptions,
): Promise<string[]> {
  if (!options.seeds.length) {
    return [];
  }
  const listed = listedSql(scope, 'd');
  const listedParams = () => [...listed.params];
  const own = options.viewerKey ? `and w."viewer_key" <> ?` : '';
  const ownParams = options.viewerKey ? [options.viewerKey] : [];
  const unwatched = options.viewerKey
    ? `and not exists (select 1 from "search"."watch" w where w."viewer_key" = ? and w."video_id" = d."id" and (w."views" > 0 or w."finished_at" is not null))`
    : '';
  const rows: { id: string }[] = await em.getConnection().execute(
    `with seed as (
       select d."id", d."tags", d."category_id", s."o"
       from unnest(${UUID_ARRAY}) with ordinality as s("id", "o")
       join "search"."document" d on d."id" = s."id"
       where d."deleted_at" is null
     ),
     viewers as (
       select distinct v."viewer_key" from unnest(${UUID_ARRAY}) as sid("id")
       cross join lateral (
         select w."viewer_key" from "search"."watch" w
         where w."video_id" = sid."id" ${own}
         order by w."last_viewed_at" desc limit ?
       ) v
     ),
     coview as (
       select o."video_id" as "id", count(*)::float8 as "n" from viewers v
       cross join lateral (
         select w."video_id" from "search"."watch" w where w."viewer_key" = v."viewer_key"
         order by w."last_viewed_at" desc limit ?
       ) o
       group by o."video_id"
     ),
     -- At most MAX_SEED_TAGS tags: those of the first seeds (the most recent of a history).
     seed_tags as (
       select coalesce(array_agg(t), '{}') as "tags" from (
         select t from (
           select distinct on (u.t) u.t, seed."o", u.p from seed, unnest(seed."tags") with ordinality as u(t, p)
           order by u.t, seed."o", u.p
         ) first_use
         order by "o", p limit ${MAX_SEED_TAGS}
       ) chosen
     ),
     -- Documents sharing a tag are looked for only when co-viewing gives few candidates (a new or
     -- rarely watched video): a common tag matches a large part of the catalog. The tags still
     -- count in the final score of every candidate.
     tagged as (
       select d."id", ${SHARED('d')} as "shared"
       from "search"."document" d, seed_tags st
       where (select count(*) from coview) < ? and cardinality(st."tags") > 0 and d."tags" && st."tags"
         and d."deleted_at" is null and d."visibility" = 'PUBLIC' and d."published_at" is not null
       limit 400
     ),
     same_category as (
       select n."id" from (select distinct "category_id" from seed where "category_id" is not null) c
       cross join lateral (
         select d."id" from "search"."document" d
         where d."category_id" = c."category_id"
           and d."deleted_at" is null and d."visibility" = 'PUBLIC' and d."published_at" is not null
         order by d."published_at" desc limit 50
       ) n
     ),
     -- Scored from the candidate lists alone, then cut: only the best few are looked up.
     candidates as (
       select c."id",
         ${RELATED_WEIGHTS.coViewing} * coalesce(cv."n" / nullif((select max("n") from coview), 0), 0)
         + ${RELATED_WEIGHTS.tags} * coalesce(t."shared" / nullif((select cardinality("tags") from seed_tags), 0), 0)
         + case when sc."id" is not null then ${RELATED_WEIGHTS.category} else 0 end as "score"
       from (select "id" from coview union select "id" from tagged union select "id" from same_category) c
       left join coview cv on cv."id" = c."id"
       left join tagged t on t."id" = c."id"
       left join same_category sc on sc."id" = c."id"
       where c."id" <> all(${UUID_ARRAY}) and c."id" <> all(${UUID_ARRAY})
       order by "score" desc
       limit ?
     )
     select d."id" from candidates c
     cross join seed_tags st
     join "search"."document" d on d."id" = c."id"
     left join coview cv on cv."id" = d."id"
     left join "search"."signal" s on s."video_id" = d."id"
     where d."deleted_at" is null and ${listed.sql} and d."kind" = any(${TEXT_ARRAY}) ${unwatched}
     order by
       ${RELATED_WEIGHTS.coViewing} * coalesce(cv."n" / nullif((select max("n") from coview), 0), 0)
       + ${RELATED_WEIGHTS.tags} * coalesce(${SHARED('d')} / nullif((select cardinality("tags") from seed_tags), 0), 0)
       + case when d."category_id" in (select "category_id" from seed) then ${RELATED_WEIGHTS.category} else 0 end
       + 0.001 * ln(1 + coalesce(s."view_count", 0)) desc,
       d."published_at" desc, d."id"
     limit ?`,
    [
      json(options.seeds),
      json(options.seeds),
      ...ownParams,
      options.viewersPerSeed ?? 100,
      options.videosPerViewer ?? 20,
      options.limit * 2,
      json(options.seeds),
      json(options.exclude),
      options.limit * 4 + 40,
      ...listedParams(),
      json(options.kinds),
      ...ownParams,
      options.limit,
    ],
  );
  return rows.map(row => row.id);
}
