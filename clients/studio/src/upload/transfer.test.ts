import { matchPending, SpeedMeter, TransferError } from './transfer';

describe('SpeedMeter', () => {
  it('measures speed over its window and derives the time left', () => {
    const meter = new SpeedMeter(10_000, 3000);
    expect(meter.sample(0, 0)).toMatchObject({ sentBytes: 0, bytesPerSecond: 0, secondsLeft: Infinity });
    expect(meter.sample(1000, 1000)).toMatchObject({ bytesPerSecond: 1000, secondsLeft: 9 });
    meter.sample(2000, 2000);
    meter.sample(3000, 3000);
    // the first sample fell out of the 3 s window: 4000 - 1000 bytes in 3 s
    expect(meter.sample(4000, 4000)).toMatchObject({ bytesPerSecond: 1000, secondsLeft: 6 });
    expect(meter.sample(10_000, 5000).secondsLeft).toBe(0);
  });
});

describe('TransferError', () => {
  it('retries network failures and server errors, not refusals', () => {
    expect(new TransferError('x', 0).retryable).toBe(true);
    expect(new TransferError('x', 503).retryable).toBe(true);
    expect(new TransferError('x', 429).retryable).toBe(true);
    expect(new TransferError('x', 403).retryable).toBe(false);
    expect(new TransferError('x', 413).retryable).toBe(false);
  });
});

describe('matchPending', () => {
  it('continues an upload only with the same file (name, size, modification time)', () => {
    const pending = [{ videoId: 'v1', name: 'a.mp4', sizeBytes: 10, lastModified: 5 }];
    expect(matchPending(pending, { name: 'a.mp4', size: 10, lastModified: 5 })?.videoId).toBe('v1');
    expect(matchPending(pending, { name: 'a.mp4', size: 11, lastModified: 5 })).toBeNull();
    expect(matchPending(pending, { name: 'b.mp4', size: 10, lastModified: 5 })).toBeNull();
  });
});
