import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfFfmpeg, eventually } from '@vp/kit/testing';
import { makeClip, startTestPlatform, type TestPlatform } from '../testing/test-platform';

// Issues 3 and 4 end to end, through the gateway only: a creator uploads and publishes a PREMIUM
// video; a FREE viewer is refused, pays in the sandbox checkout, and can then play it.
describeIfFfmpeg('upload → READY → publish, then sandbox checkout unlocks premium playback', () => {
  let platform: TestPlatform;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    scratch = mkdtempSync(join(tmpdir(), 'vp-e2e-clip-'));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('works for a creator and a paying viewer', async () => {
    const creator = await platform.signUp({ name: 'e2e' });
    const viewer = await platform.signUp({ name: 'e2e', birthDate: '1995-06-15' });
    const clip = await makeClip(scratch);

    const created = await platform.query(
      `mutation ($input: CreateUploadInput!) {
         createUpload(input: $input) { video { id status } upload { url method headers { name value } } }
       }`,
      {
        input: {
          filename: 'clip.mp4',
          contentType: 'video/mp4',
          sizeBytes: clip.length,
          title: 'Premium clip',
        },
      },
      creator.token,
    );
    expect(created.errors).toBeUndefined();
    const { video, upload } = created.data.createUpload;
    expect(video.status).toBe('AWAITING_UPLOAD');
    expect(upload.url.startsWith(platform.origin.replace('127.0.0.1', 'localhost'))).toBe(true);

    // The bytes go to the signed target through the gateway, never through GraphQL.
    const put = await fetch(upload.url.replace('localhost', '127.0.0.1'), {
      method: upload.method,
      headers: Object.fromEntries(
        upload.headers.map((h: { name: string; value: string }) => [h.name, h.value]),
      ),
      body: clip,
    });
    expect(put.status).toBeLessThan(300);

    const completed = await platform.query(
      `mutation ($id: ID!) { completeUpload(videoId: $id) { id status } }`,
      { id: video.id },
      creator.token,
    );
    expect(completed.data?.completeUpload.status).toBe('PROCESSING');

    const processed = await eventually(
      async () =>
        (
          await platform.query(
            `query ($id: ID!) { video(id: $id) { status } }`,
            { id: video.id },
            creator.token,
          )
        ).data?.video?.status,
      {
        until: status => status === 'READY' || status === 'FAILED',
        timeoutMs: 120_000,
        what: 'the video to be processed',
      },
    );
    expect(processed).toBe('READY');

    const updated = await platform.query(
      `mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id } }`,
      { id: video.id, input: { visibility: 'PUBLIC', requiredPlan: 'PREMIUM' } },
      creator.token,
    );
    expect(updated.errors).toBeUndefined();
    const published = await platform.query(
      `mutation ($id: ID!) { publishVideo(id: $id) { id status } }`,
      { id: video.id },
      creator.token,
    );
    expect(published.errors).toBeUndefined();

    const playbackQuery = `query ($id: ID!) { video(id: $id) { title owner { handle } playback { hlsUrl expiresAt } } }`;
    const refused = await platform.query(playbackQuery, { id: video.id }, viewer.token);
    expect(refused.data.video.title).toBe('Premium clip');
    expect(refused.data.video.owner.handle).toMatch(/^e2e_/);
    expect(refused.data.video.playback).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('PAYMENT_REQUIRED');

    const plans = await platform.query(`{ plans { id tier priceJpy } }`);
    const premium = plans.data.plans.find((plan: { tier: string }) => plan.tier === 'PREMIUM');
    const checkout = await platform.query(
      `mutation ($planId: ID!) { startCheckout(planId: $planId) { url } }`,
      { planId: premium.id },
      viewer.token,
    );
    expect(checkout.errors).toBeUndefined();
    const checkoutUrl = (checkout.data.startCheckout.url as string).replace(
      'localhost',
      '127.0.0.1',
    );
    const page = await fetch(checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/980/);
    const paid = await fetch(checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
      redirect: 'manual',
    });
    expect(paid.status).toBeLessThan(400);
    const paidAt = Date.now();

    const allowed = await eventually(
      async () =>
        (await platform.query(playbackQuery, { id: video.id }, viewer.token)).data?.video?.playback,
      { what: 'premium playback to be allowed after the payment' },
    );
    console.log(`premium playback allowed ${Date.now() - paidAt} ms after the sandbox payment`);
    expect(allowed.hlsUrl).toMatch(/master\.m3u8$/);

    const master = await fetch(allowed.hlsUrl.replace('localhost', '127.0.0.1'));
    expect(master.status).toBe(200);
    const playlist = await master.text();
    expect(playlist).toMatch(/#EXTM3U/);
    const rung = playlist.split('\n').find(line => line && !line.startsWith('#'))!;
    const media = await fetch(new URL(rung, allowed.hlsUrl.replace('localhost', '127.0.0.1')));
    expect(media.status).toBe(200);

    const me = await platform.query(
      `{ me { subscription { plan { tier } status } } }`,
      {},
      viewer.token,
    );
    expect(me.data.me.subscription).toEqual({ plan: { tier: 'PREMIUM' }, status: 'ACTIVE' });
  }, 240_000);
});
