import type { Locale } from './i18n';

const intlLocale = (locale: Locale) => (locale === 'ja' ? 'ja-JP' : 'en-US');
const yenFormats = new Map<Locale, Intl.NumberFormat>();

/** ¥980 / ￥980 as the viewer's language writes yen. */
export function formatYen(amount: number, locale: Locale): string {
  let format = yenFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'JPY' });
    yenFormats.set(locale, format);
  }
  return format.format(amount);
}

/** 1.2K / 1.2万 */
export function formatCount(count: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(count);
}

/** 3:07 or 1:02:03 */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds == null || !Number.isFinite(totalSeconds)) {
    return '';
  }
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "3 days ago" / "3日前", from a date to now. */
export function formatAgo(
  iso: string | null | undefined,
  locale: Locale,
  now = Date.now(),
): string {
  if (!iso) {
    return '';
  }
  const diff = (new Date(iso).getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  if (typeof Intl.RelativeTimeFormat !== 'function') {
    // a JavaScript engine without it (some Hermes builds on phones): the date instead
    return formatDate(iso, locale);
  }
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) {
      return format.format(Math.round(diff / size), unit);
    }
  }
  return format.format(Math.round(diff), 'second');
}

/** "12 December 2026" / "2026年12月12日" in Japan's time. */
export function formatDate(iso: string, locale: Locale, withYear = true): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}
