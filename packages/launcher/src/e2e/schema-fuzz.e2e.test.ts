import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_FFMPEG } from '@vp/kit/testing';
import { describeFindings, fuzzSeed, runFuzz, seedFuzzWorld } from '../testing/fuzz/run';
import { makeClip, startTestPlatform, type TestPlatform } from '../testing/test-platform';

/**
 * The schema-driven fuzzer through the gateway of the whole platform for FUZZ_MS (60 s by
 * default). A failure prints the seed: FUZZ_SEED=<seed> runs the same operations again.
 */
const FUZZ_MS = Number(process.env.FUZZ_MS ?? 60_000);

let platform: TestPlatform;
let clipDir: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  clipDir = mkdtempSync(join(tmpdir(), 'vp-fuzz-'));
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(clipDir, { recursive: true, force: true });
});

test(
  'generated operations never get a 5xx, an uncoded or leaking error, a dead subgraph or a stored refusal',
  async () => {
    const world = await seedFuzzWorld(platform, HAS_FFMPEG ? await makeClip(clipDir) : undefined);
    const seed = fuzzSeed();
    console.log(
      `schema fuzz: seed ${seed} (FUZZ_SEED=${seed} repeats it); seeded ${JSON.stringify(world.seeded)}`,
    );
    const report = await runFuzz(platform, world, { seed, durationMs: FUZZ_MS, checkStores: true });
    console.log(
      `schema fuzz: seed ${seed}, ${report.operations} operations (${JSON.stringify(report.byRoot)}), ` +
        `${report.clean} answered without error, ${report.storeChecks} refused mutations checked for stored rows; ` +
        `codes ${JSON.stringify(report.codes)}; faults ${JSON.stringify(report.byFault)}`,
    );
    if (report.findings.length) {
      console.log(`schema fuzz findings (seed ${seed}):\n${describeFindings(report.findings)}`);
    }
    expect(report.operations).toBeGreaterThan(100);
    expect(report.findings.map(finding => `${finding.kind}: ${finding.detail}`)).toEqual([]);
  },
  FUZZ_MS + 60_000,
);
