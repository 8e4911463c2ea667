import { PlanTier, tierAtLeast } from '@vp/kit';
import { MaturityRating } from '../titles/title.entity';

/**
 * Why a title or episode is not playable for this viewer, here and now. Checked in this order, so
 * a viewer is told first what no one can change (it is not here), then who they must be, then
 * what to pay: an under-age viewer is never asked to pay for what they may not watch.
 */
export enum AvailabilityReason {
  NOT_PUBLISHED = 'NOT_PUBLISHED',
  TERRITORY_BLOCKED = 'TERRITORY_BLOCKED',
  NOT_YET_AVAILABLE = 'NOT_YET_AVAILABLE',
  LICENCE_EXPIRED = 'LICENCE_EXPIRED',
  SIGN_IN_REQUIRED = 'SIGN_IN_REQUIRED',
  AGE_RESTRICTED = 'AGE_RESTRICTED',
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
}

/** One licence window in the viewer's territory: [startsAt, endsAt). */
export interface Window {
  startsAt: Date;
  endsAt: Date;
}

/** What is known of the viewer: null when anonymous. */
export interface ViewerFacts {
  tier: PlanTier;
  ageVerified: boolean;
  /** YYYY-MM-DD, or null when the catalog never heard it (then R15 is refused). */
  birthDate: string | null;
}

export interface TitleFacts {
  publishedAt: Date | null;
  requiredPlan: PlanTier;
  maturityRating: MaturityRating;
}

export interface AvailabilityResult {
  playable: boolean;
  reason: AvailabilityReason | null;
  /** Start of the span (abutting windows joined) that plays now, or the next one, or the last one. */
  availableFrom: Date | null;
  /** End of that span. */
  availableUntil: Date | null;
  requiredPlan: PlanTier;
  /** Playable only: the end of the one licence window covering now — no playback URL outlives it. */
  windowEndsAt: Date | null;
}

/** Whole years between a birth date (YYYY-MM-DD) and `now` (UTC); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, now: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) {
    return null;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const years = now.getUTCFullYear() - year;
  const thisMonth = now.getUTCMonth() + 1;
  const hadBirthday = thisMonth > month || (thisMonth === month && now.getUTCDate() >= day);
  return hadBirthday ? years : years - 1;
}

/** Windows joined where one ends exactly when the next starts, in order. */
export function spansOf(windows: readonly Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const spans: Window[] = [];
  for (const window of sorted) {
    const last = spans[spans.length - 1];
    if (last && window.startsAt.getTime() <= last.endsAt.getTime()) {
      last.endsAt = new Date(Math.max(last.endsAt.getTime(), window.endsAt.getTime()));
    } else {
      spans.push({ startsAt: window.startsAt, endsAt: window.endsAt });
    }
  }
  return spans;
}

const covers = (window: Window, at: number) =>
  window.startsAt.getTime() <= at && at < window.endsAt.getTime();

/** The viewer-side reason (sign-in, age, plan) a title that is licensed here and now cannot play. */
function viewerRefusal(title: TitleFacts, viewer: ViewerFacts | null, now: Date) {
  const restricted =
    title.maturityRating === MaturityRating.R15 || title.maturityRating === MaturityRating.R18;
  if (!viewer) {
    return restricted || title.requiredPlan !== PlanTier.FREE
      ? AvailabilityReason.SIGN_IN_REQUIRED
      : null;
  }
  if (title.maturityRating === MaturityRating.R18 && !viewer.ageVerified) {
    return AvailabilityReason.AGE_RESTRICTED;
  }
  if (title.maturityRating === MaturityRating.R15) {
    const age = viewer.birthDate ? ageOn(viewer.birthDate, now) : null;
    if (age === null || age < 15) {
      return AvailabilityReason.AGE_RESTRICTED;
    }
  }
  if (!tierAtLeast(viewer.tier, title.requiredPlan)) {
    return AvailabilityReason.PAYMENT_REQUIRED;
  }
  return null;
}

/**
 * Whether a title plays for this viewer in their territory at `now`, and if not, exactly why.
 * `windows` are the title's licence windows in the viewer's territory. Windows are half-open: a
 * title arriving at 10:00 plays from 10:00:00.000, one leaving at 10:00 stops then.
 */
export function availabilityOf(
  title: TitleFacts,
  windows: readonly Window[],
  viewer: ViewerFacts | null,
  now: Date,
): AvailabilityResult {
  const refuse = (reason: AvailabilityReason, span: Window | null = null): AvailabilityResult => ({
    playable: false,
    reason,
    availableFrom: span?.startsAt ?? null,
    availableUntil: span?.endsAt ?? null,
    requiredPlan: title.requiredPlan,
    windowEndsAt: null,
  });
  if (!title.publishedAt || title.publishedAt.getTime() > now.getTime()) {
    return refuse(AvailabilityReason.NOT_PUBLISHED);
  }
  if (!windows.length) {
    return refuse(AvailabilityReason.TERRITORY_BLOCKED);
  }
  const at = now.getTime();
  const spans = spansOf(windows);
  const current = spans.find(span => covers(span, at));
  if (!current) {
    const next = spans.find(span => span.startsAt.getTime() > at);
    return next
      ? refuse(AvailabilityReason.NOT_YET_AVAILABLE, next)
      : refuse(AvailabilityReason.LICENCE_EXPIRED, spans[spans.length - 1]);
  }
  const refusal = viewerRefusal(title, viewer, now);
  if (refusal) {
    return refuse(refusal, current);
  }
  const window = windows.find(candidate => covers(candidate, at))!;
  return {
    playable: true,
    reason: null,
    availableFrom: current.startsAt,
    availableUntil: current.endsAt,
    requiredPlan: title.requiredPlan,
    windowEndsAt: window.endsAt,
  };
}
