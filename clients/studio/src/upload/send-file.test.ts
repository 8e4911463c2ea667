import { sendFile, type Progress, type UploadTargetLike } from './transfer';

/**
 * A stand-in for the browser's XMLHttpRequest: every send is recorded and answered by the test
 * (progress, success, a failed connection), so the order and overlap of parts can be checked.
 */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  status = 0;
  body: Blob | null = null;
  aborted = false;
  upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader() {}
  send(body: Blob) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number) {
    this.upload.onprogress?.({ loaded });
  }
  succeed() {
    this.status = 200;
    this.onload?.();
  }
  fail() {
    this.status = 0;
    this.onerror?.();
  }
}

const open = () => FakeXhr.sent.filter(xhr => xhr.status === 0 && !xhr.aborted && !(xhr as { settled?: boolean }).settled);
const settle = (xhr: FakeXhr, how: 'succeed' | 'fail') => {
  (xhr as { settled?: boolean }).settled = true;
  xhr[how]();
};
/** Lets the promise chains of finished parts run (the next part starts a few microtasks later). */
const flush = () => new Promise(resolve => setTimeout(resolve, 0));

const PART = 10;
function target(partNumbers: number[], size: number): UploadTargetLike {
  return {
    url: 'http://uploads/whole',
    method: 'PUT',
    headers: [{ name: 'content-type', value: 'video/mp4' }],
    partSizeBytes: PART,
    parts: partNumbers.map(partNumber => ({
      partNumber,
      url: `http://uploads/part/${partNumber}`,
      sizeBytes: Math.min(PART, size - (partNumber - 1) * PART),
    })),
  };
}

beforeEach(() => {
  FakeXhr.sent = [];
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXhr;
});

describe('sendFile in parts', () => {
  it('keeps 4 parts in flight, reports progress over the whole file and sends each part’s bytes', async () => {
    const file = new Blob([new Uint8Array(95)]);
    const seen: Progress[] = [];
    const sending = sendFile(target([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), file, progress => seen.push(progress));
    await flush();
    expect(open().map(xhr => xhr.url)).toEqual(['1', '2', '3', '4'].map(n => `http://uploads/part/${n}`));
    open()[0].progress(5);
    open()[1].progress(5);
    expect(seen.at(-1)!.sentBytes).toBe(10);
    let maxOpen = 0;
    while (open().length > 0) {
      maxOpen = Math.max(maxOpen, open().length);
      settle(open()[0], 'succeed');
      await flush();
    }
    await sending;
    expect(maxOpen).toBe(4);
    expect(FakeXhr.sent.map(xhr => xhr.body!.size)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
    expect(seen.at(-1)).toMatchObject({ sentBytes: 95, totalBytes: 95, secondsLeft: 0 });
    // never more than the file, and whole parts only ever add up
    expect(seen.every(progress => progress.sentBytes <= 95)).toBe(true);
  });

  it('retries a part whose connection failed; the other parts go on meanwhile', async () => {
    const file = new Blob([new Uint8Array(40)]);
    const sending = sendFile(target([1, 2, 3, 4], 40), file, () => undefined, { concurrency: 2, retryDelayMs: 1 });
    await flush();
    const [first, second] = open();
    first.progress(8);
    settle(first, 'fail');
    settle(second, 'succeed');
    await new Promise(resolve => setTimeout(resolve, 20));
    // part 3 started when part 2 finished; part 1 again after its delay
    expect(open().map(xhr => xhr.url).sort()).toEqual(['http://uploads/part/1', 'http://uploads/part/3']);
    while (open().length > 0) {
      settle(open()[0], 'succeed');
      await flush();
    }
    await sending;
    expect(FakeXhr.sent.map(xhr => xhr.url.split('/').pop())).toEqual(['1', '2', '3', '1', '4']);
  });

  it('a resumed upload sends only the parts listed, and counts the others as sent from the start', async () => {
    const file = new Blob([new Uint8Array(40)]);
    const seen: Progress[] = [];
    const sending = sendFile(target([3, 4], 40), file, progress => seen.push(progress));
    expect(seen[0].sentBytes).toBe(20);
    await flush();
    for (const xhr of open()) {
      settle(xhr, 'succeed');
    }
    await sending;
    expect(FakeXhr.sent.map(xhr => xhr.url.split('/').pop())).toEqual(['3', '4']);
    expect(seen.at(-1)!.sentBytes).toBe(40);
  });

  it('a part that fails for good stops the others and rejects with its own error', async () => {
    const file = new Blob([new Uint8Array(60)]);
    const sending = sendFile(target([1, 2, 3, 4, 5, 6], 60), file, () => undefined, { concurrency: 3, retryDelayMs: 1 });
    sending.catch(() => undefined);
    await flush();
    const refused = open()[0];
    (refused as { settled?: boolean }).settled = true;
    refused.status = 403;
    refused.onload?.();
    await expect(sending).rejects.toMatchObject({ status: 403 });
    // the two in flight were aborted, and no further part started
    expect(FakeXhr.sent.filter(xhr => xhr.aborted)).toHaveLength(2);
    expect(FakeXhr.sent).toHaveLength(3);
  });
});
