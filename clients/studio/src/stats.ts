/** The dashboard's figures from the per-day statistics of each video and the earnings entries. */
export interface DayStat {
  day: string;
  views: number;
  watchSeconds: number;
  likes: number;
  comments: number;
}

export interface DayRow {
  day: string;
  views: number;
  watchHours: number;
  earningsJpy: number;
  newFollowers: number;
}

/** The UTC days from `days - 1` days before `today` to `today`, as YYYY-MM-DD. */
export function lastDays(
  days: number,
  today = new Date(),
): { from: string; to: string; all: string[] } {
  const all: string[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    all.push(
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i))
        .toISOString()
        .slice(0, 10),
    );
  }
  return { from: all[0], to: all[all.length - 1], all };
}

export function dailyRows(
  days: string[],
  videos: { stats?: DayStat[] | null }[],
  entries: { kind: string; amountJpy: number; createdAt: string }[],
  followers: { day: string; count: number }[] = [],
): DayRow[] {
  const rows = new Map(
    days.map(day => [day, { day, views: 0, watchHours: 0, earningsJpy: 0, newFollowers: 0 }]),
  );
  for (const { day, count } of followers) {
    const row = rows.get(day);
    if (row) {
      row.newFollowers += count;
    }
  }
  for (const video of videos) {
    for (const stat of video.stats ?? []) {
      const row = rows.get(stat.day);
      if (row) {
        row.views += stat.views;
        row.watchHours += stat.watchSeconds / 3600;
      }
    }
  }
  for (const entry of entries) {
    // what tips earned net of refunds; withdrawals move money already earned
    if (
      entry.kind === 'TIP_CREDIT' ||
      entry.kind === 'TIP_REVERSAL' ||
      entry.kind === 'TIP_PARTIAL_REFUND'
    ) {
      const row = rows.get(entry.createdAt.slice(0, 10));
      if (row) {
        row.earningsJpy += entry.amountJpy;
      }
    }
  }
  return [...rows.values()].map(row => ({
    ...row,
    watchHours: Math.round(row.watchHours * 100) / 100,
  }));
}
