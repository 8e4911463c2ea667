import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_ALLOWED_ORIGINS } from '@vp/gateway/src/origins';
import { chromiumPath, describeIfFfmpegAndChromium, freePort } from '@vp/kit/testing';
import { makeClip as makeVideoClip } from '@vp/videos/src/test-pipeline';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  exportMobileWeb,
  MOBILE_DIR,
  type RunningMobileWeb,
  serveMobileWeb,
} from '@vp/launcher/mobile';
import { startTestPlatform, type TestPlatform, uploadAndPublish } from '@vp/launcher/testing';

// Run by this workspace's `npm test` after the screen tests (e2e/jest.config.js: Node's
// environment and the repository's swc preset, since it starts the platform in-process); turbo
// runs `@vp/mobile#build` (the export) before `@vp/mobile#test`, so the export below is a no-op
// there. Issue 14's smoke test: the mobile app's web export (`expo export --platform web`, served as
// static files) on the embedded platform, in the system's Chromium. The page's origin is another
// port than the gateway's: the embedded default's CORS and WebSocket rules admit any port of
// localhost and 127.0.0.1.
jest.setTimeout(60_000);

const TITLE = '東京タワーの夜景さんぽ';

describeIfFfmpegAndChromium('the mobile web export in Chromium', () => {
  let platform: TestPlatform;
  let site: RunningMobileWeb;
  let browser: Browser;
  let page: Page;
  let scratch: string;
  let videoId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // a no-op when turbo's build task already exported these sources
    await exportMobileWeb({ log: () => undefined });
    platform = await startTestPlatform({ allowedOrigins: EMBEDDED_ALLOWED_ORIGINS });
    site = await serveMobileWeb({ port: await freePort(), gatewayUrl: platform.url });
    scratch = mkdtempSync(join(tmpdir(), 'vp-mobile-web-'));
    await makeVideoClip(join(scratch, 'clip.mp4'), { width: 854, height: 480, seconds: 6 });
    const creator = await platform.signUp({ name: 'Creator' });
    videoId = await uploadAndPublish(platform, creator, readFileSync(join(scratch, 'clip.mp4')), {
      title: TITLE,
    });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    mkdirSync(join(MOBILE_DIR, 'screenshots'), { recursive: true });
    // a phone's width, as the app is meant to be seen
    page = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })
    ).newPage();
    page.on('pageerror', error => pageErrors.push(error.message));
  }, 600_000);

  // the platform's stop (HTTP drained, pg-boss's jobs finished: up to 22 s a subgraph) can pass
  // a hook's 60 s on a loaded machine
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await platform?.stop();
    if (scratch) {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 180_000);

  it('lists the published video on the home screen by its title, from another origin than the gateway', async () => {
    await page.goto(`${site.url}/`);
    await page.getByText(TITLE).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(MOBILE_DIR, 'screenshots/home.png') });
    expect(new URL(site.url).port).not.toBe(new URL(platform.url).port);
  });

  it('opens Watch from the home screen and plays the video', async () => {
    await page.getByText(TITLE).first().click();
    await page.waitForURL(`${site.url}/watch/${videoId}`);
    await page.waitForFunction(
      () => ((globalThis as any).document.querySelector('video')?.currentTime ?? 0) > 1,
      null,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: join(MOBILE_DIR, 'screenshots/watch.png') });
    expect(pageErrors).toEqual([]);
  });

  it('keeps no token where page scripts can read it after signing in', async () => {
    const viewer = await platform.signUp({ name: 'Viewer' });
    await page.goto(`${site.url}/sign-in`);
    await page.getByTestId('field-email').fill(viewer.email);
    await page.getByTestId('field-password').fill('correct horse battery staple');
    await page.getByTestId('auth-submit').click();
    await page.getByText(`@${viewer.handle}`).first().waitFor();
    const readable = await page.evaluate(() =>
      JSON.stringify({
        local: { ...(globalThis as any).localStorage },
        session: { ...(globalThis as any).sessionStorage },
        cookie: (globalThis as any).document.cookie,
      }),
    );
    expect(readable).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT anywhere readable
    expect(readable.length).toBeLessThan(200);
  });
});
