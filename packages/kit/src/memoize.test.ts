import { memoizeByString } from './memoize';

describe('memoizeByString', () => {
  it('computes each argument once, remembering falsy answers too', () => {
    const computed: string[] = [];
    const trusted = memoizeByString(address => {
      computed.push(address);
      return address.startsWith('127.');
    });
    expect([
      trusted('127.0.0.1'),
      trusted('10.0.0.1'),
      trusted('127.0.0.1'),
      trusted('10.0.0.1'),
    ]).toEqual([true, false, true, false]);
    expect(computed).toEqual(['127.0.0.1', '10.0.0.1']);
  });

  it('starts over past its bound, still answering right', () => {
    const computed: string[] = [];
    const lengthOf = memoizeByString(text => {
      computed.push(text);
      return text.length;
    }, 2);
    expect([
      lengthOf('a'),
      lengthOf('bb'),
      lengthOf('ccc'),
      lengthOf('a'),
      lengthOf('ccc'),
    ]).toEqual([1, 2, 3, 1, 3]);
    // 'ccc' found the memo full and emptied it, so 'a' was computed again; 'ccc' was kept
    expect(computed).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
