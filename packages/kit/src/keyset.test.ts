import { randomUUID } from 'node:crypto';
import { decodeTimeCursor, encodeTimeCursor } from './keyset';
import { encodeCursor } from './pagination';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error: any) {
    return error.extensions?.code;
  }
  return 'no error';
};

describe('time cursors', () => {
  it('round-trips a label, a time to the millisecond and an id', () => {
    const key = { label: 'feed', at: new Date('2026-01-02T03:04:05.678Z'), id: randomUUID() };
    expect(decodeTimeCursor(encodeTimeCursor(key), ['feed'])).toEqual(key);
  });

  it.each([
    ['another label', encodeTimeCursor({ label: 'other', at: new Date(), id: randomUUID() })],
    ['a bad time', encodeCursor(['feed', 'soon', randomUUID()])],
    ['a bad id', encodeCursor(['feed', new Date().toISOString(), '1 or 1=1'])],
    ['an extra part', encodeCursor(['feed', new Date().toISOString(), randomUUID(), 1])],
    ['a number for the time', encodeCursor(['feed', 5, randomUUID()])],
    ['garbage', '%%%'],
  ])('refuses %s with BAD_USER_INPUT', (_label, cursor) => {
    expect(codeOf(() => decodeTimeCursor(cursor, ['feed']))).toBe('BAD_USER_INPUT');
  });
});
