import { handmadePng } from '@vp/kit/testing';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// Issue 9 (avatars) end to end, through the gateway only: the upload and the image go through its
// forwarded /avatars routes to the users subgraph.
describe('avatars through the gateway', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users'] });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('uploads a picture and serves its square WebP at avatarUrl', async () => {
    const account = await platform.signUp({ name: 'e2e' });
    // 2×2 RGB: red, blue / green, black.
    const body = handmadePng(
      2,
      2,
      2,
      Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 0]),
    );
    const created = await platform.query(
      `mutation ($input: CreateAvatarUploadInput!) { createAvatarUpload(input: $input) { uploadId url method headers { name value } } }`,
      { input: { contentType: 'image/png', sizeBytes: body.length } },
      account.token,
    );
    expect(created.errors).toBeUndefined();
    const target = created.data.createAvatarUpload;
    const viaGateway = (url: string) => url.replace('localhost', '127.0.0.1');
    expect(new URL(target.url).pathname).toMatch(/^\/avatars\/uploads\//);
    const put = await fetch(viaGateway(target.url), {
      method: target.method,
      headers: Object.fromEntries(
        target.headers.map((header: { name: string; value: string }) => [
          header.name,
          header.value,
        ]),
      ),
      body: new Uint8Array(body),
    });
    expect(put.status).toBe(201);

    const completed = await platform.query(
      `mutation ($id: ID!) { completeAvatarUpload(uploadId: $id) { id avatarUrl } }`,
      { id: target.uploadId },
      account.token,
    );
    expect(completed.errors).toBeUndefined();
    const { avatarUrl } = completed.data.completeAvatarUpload;
    expect(new URL(avatarUrl).origin).toBe(platform.origin.replace('127.0.0.1', 'localhost'));
    const image = await fetch(viaGateway(avatarUrl));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WEBP');
  });
});
