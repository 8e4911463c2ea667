/**
 * The languages the platform speaks (category names, money emails); the first is the default.
 * Moved here from the videos subgraph so users can keep an account's language too.
 */
export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The viewer's language from an Accept-Language header (`en-GB,en;q=0.9,ja;q=0.8`): the supported
 * language with the highest weight (a region such as en-GB counts as en; `*` as the default),
 * ties going to the one listed first. Japanese when nothing listed is supported: the platform's
 * home market, as the default territory is JP.
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; weight: number } | null = null;
  for (const part of value.slice(0, 500).split(',')) {
    const [tag, ...parameters] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const language = primary === '*' ? LANGUAGES[0] : LANGUAGES.find(known => known === primary);
    if (!language) {
      continue;
    }
    const q = parameters.map(p => /^\s*q\s*=(.*)$/.exec(p)?.[1]).find(value => value !== undefined);
    // A weight that is not a number between 0 and 1 makes the entry unusable.
    const weight = q === undefined ? 1 : /^\s*[01](\.\d{0,3})?\s*$/.test(q) ? Number(q) : NaN;
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1) {
      continue;
    }
    if (!best || weight > best.weight) {
      best = { language, weight };
    }
  }
  return best?.language ?? LANGUAGES[0];
}
