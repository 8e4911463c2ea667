/** What the benches print: percentiles and aligned tables. */

/** The p-th percentile (0–100) of the values, nearest rank. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Prints a title and rows as a table, the first row as its header. */
export function table(title: string, lines: string[][]) {
  const widths = lines[0].map((_, i) => Math.max(...lines.map(line => line[i].length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${title}\n`);
  console.log(format(lines[0]));
  console.log(widths.map(width => '-'.repeat(width)).join('  '));
  lines.slice(1).forEach(line => console.log(format(line)));
}
