import { entitlementOf, ErrorCode, isUuid, loaderFor } from '@vp/kit';
import { GraphQLError } from 'graphql';
import { type CatalogContext } from '../config';
import { type Episode } from '../episodes/episode.entity';
import { videoAssetLoader } from '../media/video-asset.service';
import { VideoAssetStatus } from '../media/video-asset.entity';
import { seasonLoader } from '../seasons/season.service';
import { type Title } from '../titles/title.entity';
import { titleLoader } from '../titles/title.service';
import { ViewerAge } from '../viewers/viewer-age.entity';
import {
  type AvailabilityResult,
  AvailabilityReason,
  availabilityOf,
  type ViewerFacts,
  type Window,
} from './availability';

/**
 * The licence windows of titles in the viewer's territory: one query per request for every title
 * asked about (a page of titles, a season page's one title), read by (title_id, territory).
 */
export function territoryWindows(context: CatalogContext, titleId: string): Promise<Window[]> {
  const loader = loaderFor<string, Window[]>(context, 'licenceWindows', async titleIds => {
    const valid = titleIds.filter(isUuid);
    const rows: { title_id: string; starts_at: Date; ends_at: Date }[] = valid.length
      ? await context.em.getConnection().execute(
          `select title_id, starts_at, ends_at from "catalog"."licence_territory"
              where territory = ? and title_id in (${valid.map(() => '?').join(', ')})`,
          [context.territory, ...valid],
        )
      : [];
    const byTitle = new Map<string, Window[]>();
    for (const row of rows) {
      byTitle.set(row.title_id, [
        ...(byTitle.get(row.title_id) ?? []),
        { startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) },
      ]);
    }
    return titleIds.map(id => byTitle.get(id) ?? []);
  });
  return loader.load(titleId).then(windows => windows ?? []);
}

/** The viewer's plan, age check and birth date (null when anonymous): two queries per request at most. */
export function viewerFacts(context: CatalogContext): Promise<ViewerFacts | null> {
  const { viewer } = context;
  if (!viewer) {
    return Promise.resolve(null);
  }
  const loader = loaderFor<string, ViewerFacts>(context, 'viewerFacts', async ids => {
    const [entitlement, age] = await Promise.all([
      entitlementOf(context, ids[0]),
      context.em.findOne(ViewerAge, { userId: ids[0] }),
    ]);
    return [{ ...entitlement, birthDate: age?.birthDate ?? null }];
  });
  return loader.load(viewer.id) as Promise<ViewerFacts>;
}

const memo = new WeakMap<CatalogContext, Map<string, Promise<AvailabilityResult>>>();

/**
 * A title's availability for this request's viewer, territory and instant, worked out once per
 * title and request; the licence windows of every title asked about in the same tick are read by
 * one query.
 */
export function titleAvailability(
  context: CatalogContext,
  title: Title,
): Promise<AvailabilityResult> {
  let byTitle = memo.get(context);
  if (!byTitle) {
    byTitle = new Map();
    memo.set(context, byTitle);
  }
  let result = byTitle.get(title.id);
  if (!result) {
    result = Promise.all([territoryWindows(context, title.id), viewerFacts(context)]).then(
      ([windows, facts]) => availabilityOf(title, windows, facts, context.now),
    );
    byTitle.set(title.id, result);
  }
  return result;
}

/**
 * An episode's availability: its title's, and, when the title plays, NOT_PUBLISHED if the episode
 * has no playable video (its video was deleted) — the episode is not there to watch.
 */
export async function episodeAvailability(
  context: CatalogContext,
  episode: Episode,
): Promise<AvailabilityResult> {
  const season = await seasonLoader(context).load(episode.season.id);
  const title = season && (await titleLoader(context).load(season.title.id));
  if (!title) {
    throw new Error(`episode ${episode.id} has no title`);
  }
  const [availability, asset] = await Promise.all([
    titleAvailability(context, title),
    episode.videoId ? videoAssetLoader(context).load(episode.videoId) : null,
  ]);
  if (availability.playable && asset?.status !== VideoAssetStatus.READY) {
    return {
      ...availability,
      playable: false,
      reason: AvailabilityReason.NOT_PUBLISHED,
      windowEndsAt: null,
    };
  }
  return availability;
}

const REFUSALS: Record<AvailabilityReason, string> = {
  NOT_PUBLISHED: 'This title is not published.',
  TERRITORY_BLOCKED: 'This title is not available in your country or region.',
  NOT_YET_AVAILABLE: 'This title is not available yet.',
  LICENCE_EXPIRED: 'This title is no longer available.',
  SIGN_IN_REQUIRED: 'Sign in to watch this title.',
  AGE_RESTRICTED: 'This title is age-restricted.',
  PAYMENT_REQUIRED: 'This title needs a higher plan.',
};

/**
 * The error of a playback refused for `reason`: PAYMENT_REQUIRED for the plan, FORBIDDEN for every
 * other reason, and the reason itself in `extensions.reason` so that clients can say exactly why.
 */
export function playbackRefusal(reason: AvailabilityReason): GraphQLError {
  const code =
    reason === AvailabilityReason.PAYMENT_REQUIRED
      ? ErrorCode.PAYMENT_REQUIRED
      : ErrorCode.FORBIDDEN;
  return new GraphQLError(REFUSALS[reason], { extensions: { code, reason } });
}
