import { checkPageSize, decodeCursor, encodeCursor, toConnection } from './pagination';

describe('pagination', () => {
  it('round-trips cursors and refuses forged ones with BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'id-1']))).toEqual([
      '2026-01-01T00:00:00.000Z',
      'id-1',
    ]);
    for (const bad of [
      'not-a-cursor',
      encodeCursor([]).slice(0, 1),
      Buffer.from('{"a":1}').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      );
    }
  });

  it('accepts page sizes 1 to 100 only', () => {
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 99999999, 1.5]) {
      expect(() => checkPageSize(bad)).toThrow(/from 1 to 100/);
    }
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(rows, 2, row => [row.id]);
    expect(page.edges.map(edge => edge.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    expect(toConnection(rows.slice(0, 2), 2, row => [row.id]).pageInfo.hasNextPage).toBe(false);
  });
});
