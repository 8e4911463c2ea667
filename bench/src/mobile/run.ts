import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EMBEDDED_ALLOWED_ORIGINS } from '@vp/gateway/src/origins';
import { chromiumPath, freePort } from '@vp/kit/testing';
import { exportMobileWeb, MOBILE_DIR, serveMobileWeb } from '@vp/launcher/mobile';
import { startTestPlatform, uploadAndPublish } from '@vp/launcher/testing';
import { makeClip } from '@vp/videos/src/test-pipeline';
import { chromium } from 'playwright-core';

/**
 * bench/mobile: the mobile app's web export (clients/mobile/dist, `expo export --platform web`)
 * served statically, in headless Chromium on the embedded platform (every subgraph behind the
 * gateway).
 *
 * - /watch/<id>: time from navigation start to the first decoded video frame
 *   (requestVideoFrameCallback on the page's <video>), over LOADS cold loads, each in a fresh
 *   browser context; p50 and p95.
 * - The export's JavaScript: every .js under dist/_expo/static/js/web, raw and gzip -9 (the
 *   entry bundle, and the async chunks such as hls.js light, apart).
 *
 *   npm run bench:mobile -w @vp/bench   (LOADS=20; PostgreSQL, ffmpeg, Chromium)
 */
const LOADS = Number(process.env.LOADS ?? 20);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function exportSizes() {
  const dir = join(MOBILE_DIR, 'dist/_expo/static/js/web');
  return readdirSync(dir)
    .filter(name => name.endsWith('.js'))
    .map(name => {
      const body = readFileSync(join(dir, name));
      return {
        name,
        raw: statSync(join(dir, name)).size,
        gzip: gzipSync(body, { level: 9 }).length,
      };
    })
    .sort((a, b) => b.raw - a.raw);
}

async function main() {
  await exportMobileWeb();
  const sizes = exportSizes();
  console.log('\nweb export JavaScript (dist/_expo/static/js/web):');
  for (const file of sizes) {
    console.log(
      `  ${file.name.padEnd(48)} ${kb(file.raw).padStart(10)} raw  ${kb(file.gzip).padStart(9)} gzip`,
    );
  }
  console.log(
    `  ${'all'.padEnd(48)} ${kb(sizes.reduce((sum, file) => sum + file.raw, 0)).padStart(10)} raw  ${kb(sizes.reduce((sum, file) => sum + file.gzip, 0)).padStart(9)} gzip`,
  );

  const platform = await startTestPlatform({ allowedOrigins: EMBEDDED_ALLOWED_ORIGINS });
  const site = await serveMobileWeb({ port: await freePort(), gatewayUrl: platform.url });
  const scratch = mkdtempSync(join(tmpdir(), 'vp-bench-mobile-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    await makeClip(join(scratch, 'clip.mp4'), { width: 854, height: 480, seconds: 10 });
    const creator = await platform.signUp({ name: 'Creator' });
    const videoId = await uploadAndPublish(
      platform,
      creator,
      readFileSync(join(scratch, 'clip.mp4')),
      {
        title: 'Bench video',
      },
    );
    const frames: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const scope = globalThis as any;
        const watch = () => {
          const video = scope.document.querySelector('video');
          if (video && !video.__watched) {
            video.__watched = true;
            video.requestVideoFrameCallback(() => (scope.__firstFrame = scope.performance.now()));
          }
        };
        new scope.MutationObserver(watch).observe(scope.document, {
          childList: true,
          subtree: true,
        });
      });
      await page.goto(`${site.url}/watch/${videoId}`);
      await page.waitForFunction(() => (globalThis as any).__firstFrame > 0, null, {
        timeout: 30_000,
      });
      frames.push(await page.evaluate(() => (globalThis as any).__firstFrame as number));
      await context.close();
    }
    console.log(
      `\n/watch first frame (navigation start → first decoded frame, ${LOADS} cold loads): p50 ${Math.round(percentile(frames, 50))} ms  p95 ${Math.round(percentile(frames, 95))} ms`,
    );
  } finally {
    await browser.close();
    await site.stop();
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
