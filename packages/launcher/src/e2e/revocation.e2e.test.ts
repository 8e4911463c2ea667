import {
  describeInProcessAndRedis,
  errorCodes,
  eventually,
  graphql,
  subscribe,
} from '@vp/kit/testing';
import { type Person, startTestPlatform, type TestPlatform } from '../testing/test-platform';

// without Redis the subgraphs and the gateway share the process's revocation list (the embedded
// platform); with it, each has its own shared state and hears users over Redis pub/sub
describeInProcessAndRedis('revocation across the platform', redisUrl => {
  let platform: TestPlatform;
  let streamer: Person;
  let streamId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos', 'live'], redisUrl });
    streamer = await platform.signUp({ name: 'streamer' });
    const created = await platform.query(
      'mutation ($input: CreateLiveStreamInput!) { createLiveStream(input: $input) { id } }',
      { input: { title: 'Revocation stream' } },
      streamer.token,
    );
    streamId = created.data.createLiveStream.id;
  }, 60_000);
  afterAll(() => platform?.stop());

  const CHAT = `subscription ($streamId: ID!) { chatMessageAdded(streamId: $streamId) { id body } }`;
  const SEND = `mutation ($streamId: ID!, $body: String!) { sendChatMessage(streamId: $streamId, body: $body) { id } }`;
  const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }`;

  /** The subgraph itself, past the gateway: its own verifier must refuse the token too. */
  const askSubgraph = (name: 'videos' | 'live', token: string) =>
    graphql(platform.subgraphs[name][0].url, '{ __typename }', {}, { token });

  it('refuses a signed-out token on the videos and live subgraphs and closes its chat subscription', async () => {
    const viewer = await platform.signUp({ name: 'viewer' });
    const chat = subscribe(platform.url, CHAT, { streamId }, viewer.token);
    // the subscription runs once a message sent after it is heard
    await eventually(
      async () => {
        await platform.query(SEND, { streamId, body: 'hello' }, streamer.token);
        return chat.events.length > 0;
      },
      { what: 'the chat subscription to hear a message' },
    );
    for (const name of ['videos', 'live'] as const) {
      expect((await askSubgraph(name, viewer.token)).errors).toBeUndefined();
    }

    const signedOut = await platform.query(
      'mutation ($token: String!) { signOut(refreshToken: $token) }',
      { token: viewer.refreshToken },
    );
    expect(signedOut.data).toEqual({ signOut: true });

    await eventually(
      async () => {
        const answers = await Promise.all([
          platform.query('{ __typename }', {}, viewer.token),
          askSubgraph('videos', viewer.token),
          askSubgraph('live', viewer.token),
        ]);
        return answers.every(answer => errorCodes(answer).includes('UNAUTHENTICATED'));
      },
      { what: 'the gateway, videos and live to refuse the token' },
    );
    await eventually(() => chat.failures.length > 0, { what: 'the chat socket to close' });
    expect((chat.failures[0] as { code?: number }).code).toBe(4403);
    await chat.close();
  });

  it('throttles sign-in per client address as the gateway tells users (X-Forwarded-For via loopback)', async () => {
    const owner = await platform.signUp({ name: 'owner' });
    const signInFrom = (address: string, password: string) =>
      graphql(
        platform.url,
        SIGN_IN,
        { input: { email: owner.email, password } },
        {
          headers: { 'x-forwarded-for': address },
        },
      );
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(errorCodes(await signInFrom('203.0.113.7', 'not the password'))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    expect(errorCodes(await signInFrom('203.0.113.7', 'correct horse battery staple'))).toEqual([
      'RATE_LIMITED',
    ]);
    const elsewhere = await signInFrom('203.0.113.8', 'correct horse battery staple');
    expect(elsewhere.data.signIn.accessToken).toBeTruthy();
  });
});
