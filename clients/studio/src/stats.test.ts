import { dailyRows, lastDays } from './stats';

describe('dashboard figures', () => {
  it('lists 28 UTC days ending today', () => {
    const { from, to, all } = lastDays(28, new Date('2026-03-01T23:30:00Z'));
    expect(all).toHaveLength(28);
    expect(from).toBe('2026-02-02');
    expect(to).toBe('2026-03-01');
  });

  it('sums views and watch time across videos, tips and new followers per day, ignoring days outside the range', () => {
    const days = ['2026-01-01', '2026-01-02'];
    const rows = dailyRows(
      days,
      [
        { stats: [{ day: '2026-01-01', views: 2, watchSeconds: 3600, likes: 0, comments: 0 }] },
        {
          stats: [
            { day: '2026-01-01', views: 1, watchSeconds: 1800, likes: 0, comments: 0 },
            { day: '2025-12-31', views: 9, watchSeconds: 0, likes: 0, comments: 0 },
          ],
        },
        { stats: null },
      ],
      [
        { kind: 'TIP_CREDIT', amountJpy: 800, createdAt: '2026-01-02T10:00:00Z' },
        { kind: 'WITHDRAWAL_HOLD', amountJpy: -1000, createdAt: '2026-01-02T11:00:00Z' },
        { kind: 'TIP_PARTIAL_REFUND', amountJpy: -240, createdAt: '2026-01-02T12:00:00Z' },
        { kind: 'WITHDRAWAL_RETURNED', amountJpy: 1000, createdAt: '2026-01-02T13:00:00Z' },
      ],
      [
        { day: '2025-12-31', count: 4 },
        { day: '2026-01-02', count: 2 },
      ],
    );
    expect(rows).toEqual([
      { day: '2026-01-01', views: 3, watchHours: 1.5, earningsJpy: 0, newFollowers: 0 },
      { day: '2026-01-02', views: 0, watchHours: 0, earningsJpy: 560, newFollowers: 2 },
    ]);
  });
});
