/**
 * PostgreSQL has no Japanese (or Chinese, Korean) tokenizer: its parser takes a whole run of CJK
 * characters as one word, so 東京 would never match 東京タワーの夜景. Like Elasticsearch's
 * cjk_bigram filter, runs of CJK letters are indexed as overlapping character bigrams
 * (東京 京タ タワ ワー …) and a query run becomes the phrase of its bigrams; everything else goes
 * through the `english` (stemmed) and `simple` (exact words) configurations.
 */
const CJK_RUN = /(?:(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}])+/gu;

export interface SplitText {
  /** The text with CJK runs blanked out, for the word-based configurations. */
  words: string;
  /** The CJK runs, each one a list of characters. */
  cjkRuns: string[][];
}

/** NFKC first: full-width Latin becomes ASCII and half-width katakana full-width, on both sides. */
export function splitText(text: string): SplitText {
  const normal = text.normalize('NFKC');
  const cjkRuns = [...normal.matchAll(CJK_RUN)].map(match => [...match[0]]);
  return { words: normal.replace(CJK_RUN, ' '), cjkRuns };
}

/** Overlapping bigrams of one run; a one-character run is kept as it is. */
export function bigrams(run: string[]): string[] {
  return run.length === 1 ? [...run] : run.slice(1).map((char, i) => run[i] + char);
}

/** The bigram text of every CJK run, for `to_tsvector('simple', …)`. */
export const cjkIndexText = (runs: string[][]) => runs.map(run => bigrams(run).join(' ')).join(' ');

/** Lower-case Latin words of 3 to 30 letters: the vocabulary typo tolerance corrects against. */
const LATIN_WORD = /^\p{Script=Latin}[\p{Script=Latin}']{2,29}$/u;

export function latinWords(text: string): string[] {
  const { words } = splitText(text);
  return [
    ...new Set(
      words
        .toLowerCase()
        .split(/[^\p{L}\p{N}']+/u)
        .map(word => word.replace(/^'+|'+$/g, ''))
        .filter(word => LATIN_WORD.test(word)),
    ),
  ];
}

/** One piece of a web-search query: a bare word, a "quoted phrase", `or`, or an -excluded word. */
export type QueryToken =
  | { type: 'word'; text: string }
  | { type: 'phrase'; text: string }
  | { type: 'or' }
  | { type: 'not'; text: string };

/** Splits a query the way websearch_to_tsquery reads it (loosely: enough to find bare words). */
export function queryTokens(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    if (match[1] !== undefined) {
      tokens.push({ type: 'phrase', text: match[1] });
    } else if (/^or$/i.test(match[2])) {
      tokens.push({ type: 'or' });
    } else if (match[2].startsWith('-') && match[2].length > 1) {
      tokens.push({ type: 'not', text: match[2].slice(1) });
    } else {
      tokens.push({ type: 'word', text: match[2] });
    }
  }
  return tokens;
}

/** The query again from its tokens, a bare word possibly replaced by `word or other`. */
export function queryText(tokens: QueryToken[]): string {
  return tokens
    .map(token =>
      token.type === 'phrase'
        ? `"${token.text}"`
        : token.type === 'or'
          ? 'or'
          : token.type === 'not'
            ? `-${token.text}`
            : token.text,
    )
    .join(' ');
}

const MAX_KEY = 200;
/** How many later words of a title start a suggestion of their own. */
const LATER_WORDS = 5;

/**
 * The keys a document is suggested under and the phrase each suggests: its title (and the title
 * from each of its next few words on, so "kit" completes "Cute kittens"), and each tag (a
 * channel's handle is its tag).
 */
export function suggestionEntries(
  title: string,
  tags: string[],
  normalise: (text: string) => string,
): { key: string; phrase: string }[] {
  const entries = new Map<string, string>();
  const add = (key: string, phrase: string) => {
    const trimmed = [...key].slice(0, MAX_KEY).join('');
    if (trimmed && !entries.has(trimmed)) {
      entries.set(trimmed, phrase);
    }
  };
  const key = normalise(title);
  add(key, title);
  const words = key.split(' ');
  for (let i = 1; i < Math.min(words.length, LATER_WORDS + 1); i += 1) {
    if (/^[\p{L}\p{N}]/u.test(words[i])) {
      add(words.slice(i).join(' '), title);
    }
  }
  for (const tag of tags) {
    add(normalise(tag), tag.trim());
  }
  return [...entries].map(([entryKey, phrase]) => ({ key: entryKey, phrase }));
}
