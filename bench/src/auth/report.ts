import Redis from 'ioredis';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export function table(title: string, lines: string[][]) {
  const widths = lines[0].map((_, i) => Math.max(...lines.map(line => line[i].length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${title}\n`);
  console.log(format(lines[0]));
  console.log(widths.map(width => '-'.repeat(width)).join('  '));
  lines.slice(1).forEach(line => console.log(format(line)));
}

export const ms = (value: number) => value.toFixed(1);

/** Redis on REDIS_URL (or the tests' 127.0.0.1:6379) when it answers, else undefined. */
export async function reachableRedis(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
