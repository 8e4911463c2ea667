import { Writable } from 'node:stream';
import { createLogger, lazyChildLogger } from './logger';

describe('lazyChildLogger', () => {
  it('logs with its bindings as a child would, and makes the child only when used', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = createLogger('probe', 'info', destination);
    const child = jest.spyOn(log, 'child');
    const lazy = lazyChildLogger(log, { requestId: 'req-1' });
    expect(child).not.toHaveBeenCalled();
    lazy.info({ password: 'secret', step: 1 }, 'first');
    lazy.warn('again');
    expect(child).toHaveBeenCalledTimes(1);
    lazy.child({ part: 'inner' }).warn('second');
    expect(lazy.isLevelEnabled('debug')).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        step: 1,
        password: '[redacted]',
        msg: 'first',
      }),
      expect.objectContaining({ requestId: 'req-1', msg: 'again' }),
      expect.objectContaining({ requestId: 'req-1', part: 'inner', msg: 'second' }),
    ]);
  });
});
