/**
 * The studio's upload: a 1 GiB file (BENCH_STUDIO_BYTES) sent through the studio's upload page in
 * headless Chromium (the production build, its file input, XHR with progress) to the embedded
 * platform's signed upload URLs, against `curl` sending the same bytes to signed URLs of the same kind
 * in the same run (ratio; aim ≥ 0.8). While the page uploads, the page's JS heap is sampled every
 * 250 ms: the page must stream the file from disk, not hold it.
 *
 * BENCH_STUDIO_MODE=parts (default): the platform splits uploads over 100 MiB (or half the file) into
 * 64 MiB parts, as in production; the page sends them PART_CONCURRENCY at a time, and curl sends the
 * same parts (split beforehand, outside the timing) both one at a time and as many at once as the page.
 * BENCH_STUDIO_MODE=single: one signed PUT of the whole file on both sides.
 */
process.env.LOG_LEVEL ??= 'warn';

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, freePort } from '@vp/kit/testing';
import { startTestPlatform } from '@vp/launcher/testing';
import { buildStudio, startStudio } from '@vp/launcher/studio';
import { chromium } from 'playwright-core';
import { PART_CONCURRENCY } from '../../../clients/studio/src/upload/transfer';

const BYTES = Number(process.env.BENCH_STUDIO_BYTES ?? 1024 ** 3);
const MiB = 1024 ** 2;
const MODE = process.env.BENCH_STUDIO_MODE === 'single' ? 'single' : 'parts';

/** Runs curl with these arguments; resolves with what it wrote (the status codes asked for with -w). */
function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args);
    let out = '';
    child.stdout.on('data', data => (out += data));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

async function main() {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  await buildStudio({ log: () => undefined });
  const threshold = MODE === 'single' ? 4 * BYTES : Math.min(100 * MiB, Math.floor(BYTES / 2));
  const platform = await startTestPlatform({
    allowedOrigins: [base],
    config: { videos: { multipartThresholdBytes: threshold, maxUploadBytes: 4 * BYTES } },
  });
  const studio = await startStudio({
    port,
    gatewayUrl: platform.url,
    publicGatewayUrl: platform.origin.replace('127.0.0.1', 'localhost'),
    publicStudioUrl: base,
    log: () => undefined,
  });
  const scratch = mkdtempSync(join(tmpdir(), 'vp-bench-studio-'));
  const file = join(scratch, 'big-upload.mp4');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(8 * MiB, 7);
  for (let written = 0; written < BYTES; written += chunk.length) {
    writeSync(fd, chunk, 0, Math.min(chunk.length, BYTES - written));
  }
  closeSync(fd);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--enable-precise-memory-info'] });
  try {
    const creator = await platform.signUp({ name: 'bencher' });

    // the studio page
    const page = await browser.newPage();
    // No page.route here: with request interception on, Chromium hands every request body to the
    // DevTools client before sending it, which slowed sliced-file parts to about 10 MiB/s (and the
    // single PUT too). The bytes are not a video, so the page's completeUpload is refused by the
    // probe; the curl side starts only after that, so that nothing runs beside it.
    await page.goto(base);
    await page.getByLabel('Email').fill(`${creator.handle}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Channel dashboard' }).waitFor();
    await page.goto(`${base}/upload`);
    await page.getByRole('heading', { name: 'Upload videos' }).waitFor();
    const heapBefore = (await page.evaluate('performance.memory.usedJSHeapSize')) as number;
    let heapPeak = heapBefore;
    const started = Date.now();
    await page.getByTestId('upload-input').setInputFiles(file);
    const sampler = setInterval(() => {
      void page
        .evaluate('performance.memory.usedJSHeapSize')
        .then(heap => (heapPeak = Math.max(heapPeak, heap as number)))
        .catch(() => undefined);
    }, 250);
    await page.getByTestId('upload-percent').filter({ hasText: '100%' }).waitFor({ timeout: 30 * 60_000 });
    const pageSeconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    await page.getByTestId('upload-row').getByRole('alert').waitFor({ timeout: 10 * 60_000 });

    // curl, the same bytes, signed URLs of the same kind
    const createForCurl = async () => {
      const created = await platform.query(
        `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { upload { url headers { name value } partSizeBytes parts { partNumber url sizeBytes } } } }`,
        { input: { filename: 'big-upload.mp4', contentType: 'video/mp4', sizeBytes: BYTES, title: 'curl' } },
        creator.token,
      );
      return created.data.createUpload.upload as {
        url: string;
        headers: { name: string; value: string }[];
        partSizeBytes: number | null;
        parts: { partNumber: number; url: string; sizeBytes: number }[] | null;
      };
    };
    const local = (url: string) => url.replace('//localhost:', '//127.0.0.1:');
    const timeCurl = async (args: string[], expected: number) => {
      const started = Date.now();
      const codes = (await curl(args)).trim().split(/\s+/);
      const seconds = (Date.now() - started) / 1000;
      if (codes.length !== expected || codes.some(code => code !== '201' && code !== '200')) {
        throw new Error(`curl's PUTs answered ${codes.join(' ')}`);
      }
      return seconds;
    };
    const curlRuns: { label: string; seconds: number }[] = [];
    if (MODE === 'single') {
      const { url, headers } = await createForCurl();
      const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code}\n', '-X', 'PUT', '-T', file, ...headers.flatMap(h => ['-H', `${h.name}: ${h.value}`]), local(url)];
      curlRuns.push({ label: 'curl -T, one PUT', seconds: await timeCurl(args, 1) });
    } else {
      const first = await createForCurl();
      const partSize = first.partSizeBytes!;
      // split before the clock starts: curl reads each part from its own file
      await new Promise<void>((resolve, reject) =>
        spawn('split', ['-b', String(partSize), '-d', '-a', '4', file, join(scratch, 'part-')]).on('exit', code => (code === 0 ? resolve() : reject(new Error(`split: ${code}`)))),
      );
      const partArgs = (upload: typeof first) =>
        upload.parts!.flatMap(part => [
          '-o', '/dev/null', '-w', '%{http_code}\n', '-X', 'PUT',
          ...upload.headers.flatMap(h => ['-H', `${h.name}: ${h.value}`]),
          '-T', join(scratch, `part-${String(part.partNumber - 1).padStart(4, '0')}`), local(part.url),
          '--next',
        ]).slice(0, -1);
      curlRuns.push({ label: 'curl, the same parts one at a time', seconds: await timeCurl(['-sS', ...partArgs(first)], first.parts!.length) });
      const second = await createForCurl();
      curlRuns.push({
        label: `curl --parallel, the same parts ${PART_CONCURRENCY} at a time`,
        seconds: await timeCurl(['-sS', '--parallel', '--parallel-max', String(PART_CONCURRENCY), ...partArgs(second)], second.parts!.length),
      });
    }
    const curlSeconds = Math.min(...curlRuns.map(run => run.seconds));
    const pageMiBs = BYTES / MiB / pageSeconds;
    const curlMiBs = BYTES / MiB / curlSeconds;
    console.log(`studio upload of ${(BYTES / MiB).toFixed(0)} MiB through the page in headless Chromium (${MODE === 'single' ? 'one signed PUT' : `64 MiB parts, ${PART_CONCURRENCY} at a time`}):`);
    console.log(`  page (XHR from the file input): ${pageSeconds.toFixed(1)} s, ${pageMiBs.toFixed(1)} MiB/s`);
    for (const run of curlRuns) {
      console.log(`  ${run.label}: ${run.seconds.toFixed(1)} s, ${(BYTES / MiB / run.seconds).toFixed(1)} MiB/s`);
    }
    console.log(`  ratio page/curl (the faster curl): ${(pageMiBs / curlMiBs).toFixed(2)} (aim ≥ 0.8)`);
    console.log(`  page JS heap: ${(heapBefore / MiB).toFixed(1)} MiB before, peak ${(heapPeak / MiB).toFixed(1)} MiB while uploading`);
  } finally {
    await browser.close();
    await studio.stop();
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
