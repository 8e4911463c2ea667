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
