import { formatDate } from './format';
import type { TitlePageQuery } from './gql/graphql';
import type { Locale, Translate } from './i18n';

type Availability = NonNullable<TitlePageQuery['title']>['availability'];

/**
 * "Available in Japan from 12 December": the catalog's availability of a title, in words, for the
 * viewer's territory (its name in the viewer's language). The web's /title page and the app's.
 */
export function availabilityInWords(
  availability: Availability,
  rating: string,
  territory: string,
  locale: Locale,
  t: Translate,
): string {
  const place = new Intl.DisplayNames([locale], { type: 'region' }).of(territory) ?? territory;
  const from = availability.availableFrom ? formatDate(availability.availableFrom, locale) : '';
  const until = availability.availableUntil ? formatDate(availability.availableUntil, locale) : '';
  const key = availability.playable
    ? until
      ? 'PLAYABLE_UNTIL'
      : 'PLAYABLE'
    : (availability.reason ?? 'NOT_PUBLISHED');
  return t(`title.availability.${key}`, {
    place,
    from,
    until,
    rating,
    plan: t(`plan.${availability.requiredPlan}`),
  });
}
