/**
 * Remembers a pure function's answer per argument, for work repeated on every request with the
 * same few values (a peer's address, a credential). Bounded: past `maxEntries` it starts over, so
 * a stream of new values costs at most what it did without the memo.
 */
export function memoizeByString<T>(
  compute: (key: string) => T,
  maxEntries = 1_000,
): (key: string) => T {
  const answers = new Map<string, T>();
  return key => {
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      answer = compute(key);
      if (answers.size >= maxEntries) {
        answers.clear();
      }
      answers.set(key, answer);
    }
    return answer as T;
  };
}
