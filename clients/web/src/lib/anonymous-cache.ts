import 'server-only';

/**
 * A few seconds' memory of answers that are the same for every anonymous viewer at one address
 * (the address decides the territory, and with it the catalog's availability), for the parts of a
 * page that are not the viewer's own: /watch's "Up next". It is the costliest query of the page on
 * the platform (≈ 3× the video's own), and it runs right when the browser fetches the video's first
 * segments from the same gateway; the gateway's response cache does not keep it (its cards carry
 * signed thumbnail URLs). Signed-in viewers always get a fresh answer; so does everyone once an
 * entry is `ttlMs` old, which bounds how long a video taken down can still be offered as a card
 * (its own page is never cached). Answers with errors are not kept.
 */
interface Entry<T> {
  value: T;
  expires: number;
}

const MAX_ENTRIES = 1000;

export function anonymousCache<T extends { errors: unknown[] }>(ttlMs: number) {
  const entries = new Map<string, Entry<T>>();
  const pending = new Map<string, Promise<T>>();
  return async (
    key: { token?: string | null; clientAddress?: string | null; parts: unknown[] },
    load: () => Promise<T>,
  ): Promise<T> => {
    if (key.token) {
      return load();
    }
    const id = JSON.stringify([key.clientAddress ?? null, ...key.parts]);
    const now = Date.now();
    const hit = entries.get(id);
    if (hit && hit.expires > now) {
      return hit.value;
    }
    // viewers arriving together share one request
    let loading = pending.get(id);
    if (!loading) {
      loading = load().finally(() => pending.delete(id));
      pending.set(id, loading);
      void loading.then(
        value => {
          if (value.errors.length) {
            return;
          }
          entries.delete(id);
          if (entries.size >= MAX_ENTRIES) {
            entries.delete(entries.keys().next().value!);
          }
          entries.set(id, { value, expires: Date.now() + ttlMs });
        },
        () => undefined,
      );
    }
    return loading;
  };
}
