/**
 * Sending a file to its signed upload target from the browser. XMLHttpRequest rather than fetch:
 * it reports upload progress, and given a File (a Blob) it streams the file from disk, so the page
 * never holds the bytes in memory, whatever the size.
 */
export interface Progress {
  sentBytes: number;
  totalBytes: number;
  /** bytes per second over the last few seconds */
  bytesPerSecond: number;
  /** seconds left at that speed (Infinity before it is known) */
  secondsLeft: number;
}

/** Speed over a sliding window of samples: steadier than the last interval, quicker than the average. */
export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];
  constructor(
    private readonly totalBytes: number,
    private readonly windowMs = 3000,
  ) {}

  sample(sentBytes: number, at = Date.now()): Progress {
    this.samples.push({ at, bytes: sentBytes });
    while (this.samples.length > 2 && at - this.samples[0].at > this.windowMs) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const elapsed = (at - first.at) / 1000;
    const bytesPerSecond = elapsed > 0 ? (sentBytes - first.bytes) / elapsed : 0;
    const left = this.totalBytes - sentBytes;
    return {
      sentBytes,
      totalBytes: this.totalBytes,
      bytesPerSecond,
      secondsLeft: left <= 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : Infinity,
    };
  }
}

export class TransferError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
  /** Network failures and server errors are worth another try; a refusal (4xx) is not. */
  get retryable() {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export interface Target {
  url: string;
  method: string;
  headers: { name: string; value: string }[];
}

export function putOnce(target: Target, body: Blob, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const { name, value } of target.headers) {
      // the browser sets Content-Length itself
      if (name.toLowerCase() !== 'content-length') {
        xhr.setRequestHeader(name, value);
      }
    }
    const abort = () => xhr.abort();
    const settled = () => signal?.removeEventListener('abort', abort);
    xhr.upload.onprogress = event => onProgress(event.loaded);
    xhr.onload = () => {
      settled();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve();
      } else {
        reject(new TransferError(`the upload was refused (${xhr.status})`, xhr.status));
      }
    };
    xhr.onerror = () => {
      settled();
      reject(new TransferError('the connection failed', 0));
    };
    xhr.onabort = () => {
      settled();
      reject(new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    xhr.send(body);
  });
}

/** PUTs with up to `attempts` tries (`retryDelayMs`, then twice that… apart) while failures are retryable. */
export async function putWithRetry(
  target: Target,
  body: Blob,
  onProgress: (progress: Progress) => void,
  options: { attempts?: number; retryDelayMs?: number; signal?: AbortSignal; onRetry?: (attempt: number, error: Error) => void } = {},
): Promise<void> {
  const attempts = options.attempts ?? 4;
  const delay = options.retryDelayMs ?? 1000;
  for (let attempt = 1; ; attempt += 1) {
    const meter = new SpeedMeter(body.size);
    try {
      await putOnce(target, body, sent => onProgress(meter.sample(sent)), options.signal);
      return;
    } catch (error) {
      if (!(error instanceof TransferError) || !error.retryable || attempt >= attempts || options.signal?.aborted) {
        throw error;
      }
      options.onRetry?.(attempt, error);
      await new Promise(resolve => setTimeout(resolve, delay * 2 ** (attempt - 1)));
    }
  }
}

export interface UploadTargetLike extends Target {
  partSizeBytes?: number | null;
  parts?: { partNumber: number; url: string; sizeBytes: number }[] | null;
}

/** Parts in flight at once: one connection leaves the browser's upload path idle between its chunks. */
export const PART_CONCURRENCY = 4;

/**
 * Sends a file to its upload target: in one request, or part by part (`concurrency` at a time,
 * each retried on its own) when the target lists parts. Parts missing from the list (already
 * stored, for a resumed upload) count as sent. Progress is over the whole file: the finished parts
 * plus what each part in flight has sent (a retried part starts again from its beginning). A part
 * that fails for good stops the others (they would only be sent again on resume).
 */
export async function sendFile(
  target: UploadTargetLike,
  file: Blob,
  onProgress: (progress: Progress) => void,
  options: { concurrency?: number; retryDelayMs?: number; signal?: AbortSignal; onPartDone?: (partNumber: number) => void } = {},
): Promise<void> {
  if (!target.parts) {
    await putWithRetry(target, file, onProgress, { signal: options.signal, retryDelayMs: options.retryDelayMs });
    return;
  }
  const partSize = target.partSizeBytes ?? target.parts[0]?.sizeBytes ?? file.size;
  const meter = new SpeedMeter(file.size);
  const missing = target.parts.reduce((sum, part) => sum + part.sizeBytes, 0);
  let done = file.size - missing;
  const inFlight = new Map<number, number>();
  const report = () => onProgress(meter.sample(done + [...inFlight.values()].reduce((a, b) => a + b, 0)));
  report();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const queue = [...target.parts];
  const worker = async () => {
    for (let part = queue.shift(); part && !stop.signal.aborted; part = queue.shift()) {
      const start = (part.partNumber - 1) * partSize;
      const current = part;
      try {
        await putWithRetry({ url: part.url, method: 'PUT', headers: target.headers }, file.slice(start, start + part.sizeBytes), progress => {
          inFlight.set(current.partNumber, Math.min(progress.sentBytes, current.sizeBytes));
          report();
        }, { signal: stop.signal, retryDelayMs: options.retryDelayMs });
      } catch (error) {
        inFlight.delete(part.partNumber);
        stop.abort();
        throw error;
      }
      inFlight.delete(part.partNumber);
      done += part.sizeBytes;
      report();
      options.onPartDone?.(part.partNumber);
    }
  };
  const workers = Array.from({ length: Math.min(options.concurrency ?? PART_CONCURRENCY, target.parts.length) }, worker);
  try {
    const outcomes = await Promise.allSettled(workers);
    // the failure that stopped the others, not the aborts it caused
    const failures = outcomes.flatMap(outcome => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    const cause = failures.find(error => !(error instanceof DOMException && error.name === 'AbortError')) ?? failures[0];
    if (cause) {
      throw cause;
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Uploads started on this browser and not completed, so that a reload can resume them (no secrets). */
export interface PendingUpload {
  videoId: string;
  name: string;
  sizeBytes: number;
  lastModified: number;
}

const PENDING_KEY = 'vp_studio_pending_uploads';

export const pendingUploads = {
  list(): PendingUpload[] {
    try {
      const parsed = JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  },
  add(upload: PendingUpload) {
    localStorage.setItem(PENDING_KEY, JSON.stringify([...pendingUploads.list().filter(u => u.videoId !== upload.videoId), upload]));
  },
  remove(videoId: string) {
    const rest = pendingUploads.list().filter(u => u.videoId !== videoId);
    if (rest.length) {
      localStorage.setItem(PENDING_KEY, JSON.stringify(rest));
    } else {
      localStorage.removeItem(PENDING_KEY);
    }
  },
};

/** The pending upload this file continues: same name, size and modification time. */
export function matchPending(pending: PendingUpload[], file: { name: string; size: number; lastModified: number }) {
  return pending.find(p => p.name === file.name && p.sizeBytes === file.size && p.lastModified === file.lastModified) ?? null;
}
