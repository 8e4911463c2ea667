import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_FFMPEG } from '@vp/kit/testing';
import { makeClip, startTestPlatform } from '@vp/launcher/testing';
import {
  describeFindings,
  type FuzzReport,
  fuzzSeed,
  runFuzz,
  seedFuzzWorld,
} from '@vp/launcher/testing/fuzz';

/**
 * bench/fuzz (issue 16): the schema-driven fuzzer for DURATION seconds (600 by default) through the
 * gateway of the whole test platform, printing operations run, the error codes seen and every
 * finding. The baseline is `{ __typename }` sent the same way (one at a time) for 5 s: the ratio
 * says how much of the fuzzer's time the platform spends on what it is asked.
 *
 *   npm run bench:fuzz -w @vp/bench    (DURATION=600, FUZZ_SEED to repeat a run,
 *                                       CHECK_STORES=0 to skip the database comparisons)
 */
const DURATION = Number(process.env.DURATION ?? 600);
const CHECK_STORES = process.env.CHECK_STORES !== '0';

async function main() {
  const platform = await startTestPlatform();
  const clipDir = mkdtempSync(join(tmpdir(), 'vp-bench-fuzz-'));
  try {
    const world = await seedFuzzWorld(platform, HAS_FFMPEG ? await makeClip(clipDir) : undefined);
    const baseline = await typenameRate(platform.url, 5_000);
    const seed = fuzzSeed();
    console.log(
      `bench/fuzz: seed ${seed} (FUZZ_SEED=${seed} repeats it), ${DURATION} s, store checks ${CHECK_STORES ? 'on' : 'off'}`,
    );
    const started = performance.now();
    const report = await runFuzz(platform, world, {
      seed,
      durationMs: DURATION * 1000,
      checkStores: CHECK_STORES,
      progressEvery: 1000,
      onProgress: progress =>
        console.log(
          `  ${Math.round((performance.now() - started) / 1000)} s: ${progress.operations} operations, ` +
            `${Object.keys(progress.codes).length} distinct codes, ${progress.findings.length} findings`,
        ),
    });
    const seconds = (performance.now() - started) / 1000;
    print(report, seconds, baseline);
    process.exitCode = report.findings.length ? 1 : 0;
  } finally {
    await platform.stop();
    rmSync(clipDir, { recursive: true, force: true });
  }
}

/** Operations per second of the cheapest request there is, sent one at a time like the fuzzer's. */
async function typenameRate(url: string, ms: number) {
  const until = performance.now() + ms;
  let count = 0;
  while (performance.now() < until) {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then(response => response.text());
    count += 1;
  }
  return count / (ms / 1000);
}

function print(report: FuzzReport, seconds: number, baseline: number) {
  const rate = report.operations / seconds;
  console.log(`\nbench/fuzz, seed ${report.seed}\n`);
  console.log(
    `operations run            ${report.operations} in ${seconds.toFixed(0)} s (${rate.toFixed(1)}/s)`,
  );
  console.log(`  by root                 ${JSON.stringify(report.byRoot)}`);
  console.log(`  by deliberate fault     ${JSON.stringify(report.byFault)}`);
  console.log(`answered without error    ${report.clean}`);
  console.log(
    `refused mutations checked ${report.storeChecks} (database compared before and after)`,
  );
  console.log(
    `distinct error codes      ${Object.keys(report.codes).length}: ${Object.entries(report.codes)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `baseline { __typename }   ${baseline.toFixed(1)}/s one at a time; fuzz/baseline ${(rate / baseline).toFixed(3)}`,
  );
  console.log(`findings                  ${report.findings.length}`);
  if (report.findings.length) {
    console.log(describeFindings(report.findings));
  }
}

void main().catch(error => {
  console.error(error);
  process.exit(1);
});
