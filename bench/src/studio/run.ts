/**
 * The studio's upload: a 1 GiB file (BENCH_STUDIO_BYTES) sent through the studio's upload page in
 * headless Chromium (the production build, its file input, XHR with progress) to the embedded
 * platform's signed upload URL, against `curl` sending the same file to a signed URL of the same kind
 * in the same run (ratio; aim ≥ 0.8). While the page uploads, the page's JS heap is sampled every
 * 250 ms: the page must stream the file from disk, not hold it.
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

const BYTES = Number(process.env.BENCH_STUDIO_BYTES ?? 1024 ** 3);
const MiB = 1024 ** 2;

async function main() {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  await buildStudio({ log: () => undefined });
  // one signed PUT for the whole file on both sides (the same kind of URL curl gets)
  const platform = await startTestPlatform({
    allowedOrigins: [base],
    config: { videos: { multipartThresholdBytes: 4 * BYTES, maxUploadBytes: 4 * BYTES } },
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
    // the bytes are not a video: answer completeUpload here, so that no probe of 1 GiB runs beside curl
    await page.route(`${base}/graphql`, route =>
      (route.request().postData() ?? '').includes('StudioCompleteUpload')
        ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors: [{ message: 'not completed in the benchmark' }] }) })
        : route.continue(),
    );
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

    // curl, the same file, a signed URL of the same kind
    const created = await platform.query(
      `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { upload { url headers { name value } } } }`,
      { input: { filename: 'big-upload.mp4', contentType: 'video/mp4', sizeBytes: BYTES, title: 'curl' } },
      creator.token,
    );
    const { url, headers } = created.data.createUpload.upload as { url: string; headers: { name: string; value: string }[] };
    const curlStarted = Date.now();
    const status = await new Promise<string>((resolve, reject) => {
      const child = spawn('curl', [
        '-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '-T', file,
        ...headers.flatMap(h => ['-H', `${h.name}: ${h.value}`]),
        url.replace('//localhost:', '//127.0.0.1:'),
      ]);
      let out = '';
      child.stdout.on('data', data => (out += data));
      child.on('error', reject);
      child.on('exit', () => resolve(out));
    });
    const curlSeconds = (Date.now() - curlStarted) / 1000;
    if (status !== '201') {
      throw new Error(`curl's PUT answered ${status}`);
    }
    const pageMiBs = BYTES / MiB / pageSeconds;
    const curlMiBs = BYTES / MiB / curlSeconds;
    console.log(`studio upload of ${(BYTES / MiB).toFixed(0)} MiB through the page in headless Chromium, one signed PUT each:`);
    console.log(`  page (XHR from the file input): ${pageSeconds.toFixed(1)} s, ${pageMiBs.toFixed(1)} MiB/s`);
    console.log(`  curl -T (same file, same kind of URL): ${curlSeconds.toFixed(1)} s, ${curlMiBs.toFixed(1)} MiB/s`);
    console.log(`  ratio page/curl: ${(pageMiBs / curlMiBs).toFixed(2)} (aim ≥ 0.8)`);
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
