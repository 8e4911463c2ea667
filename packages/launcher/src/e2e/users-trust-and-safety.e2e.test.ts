import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@vp/kit';
import { describeIfFfmpeg, errorCodes, eventually, graphql } from '@vp/kit/testing';
import {
  makeClip,
  type Person,
  startTestPlatform,
  type TestPlatform,
  uploadAndPublish,
} from '../testing/test-platform';

// Issue 16, trust and safety, end to end through the gateway only: viewers report a video, a
// moderator sees one grouped queue item and removes the video (users' ContentTakenDown reaches
// videos and search), the video is gone for everyone but its owner, who is told why; an admin
// suspends a reporter, who can then no longer sign in; the audit log shows both.
describeIfFfmpeg('trust and safety through the gateway', () => {
  let platform: TestPlatform;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ subgraphs: ['users', 'videos', 'search'] });
    scratch = mkdtempSync(join(tmpdir(), 'vp-e2e-tns-'));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const ask = async (query: string, variables: Record<string, unknown>, who?: Person | string) => {
    const token = typeof who === 'string' ? who : who?.token;
    return platform.query(query, variables, token);
  };

  const REPORT = `mutation ($id: ID!, $reason: ReportReason!) {
    reportContent(input: { targetType: VIDEO, targetId: $id, reason: $reason, details: "Links to a fake giveaway." }) { id status } }`;
  const QUEUE = `{ moderationQueue(status: OPEN, first: 20) { edges { node { id targetType targetId reason reportCount createdAt } } } }`;
  const RESOLVE = `mutation ($id: ID!) { resolveReport(id: $id, action: REMOVE_CONTENT, note: "Misleading scam links.") { id status } }`;
  const VIDEO = `query ($id: ID!) { video(id: $id) { id title takenDownAt takedownReason owner { handle } } }`;
  const SEARCH = `{ search(query: "lucky giveaway", first: 20) { edges { node { __typename ... on Video { id } } } } }`;
  const INBOX = `{ me { notifications(first: 10) { edges { node { kind reason video { id takenDownAt } } } } } }`;
  const SUSPEND = `mutation ($id: ID!, $until: DateTime) { suspendUser(input: { userId: $id, until: $until, reason: "Report abuse." }) { id suspendedUntil } }`;
  const SIGN_IN = `mutation ($email: String!) { signIn(input: { email: $email, password: "correct horse battery staple" }) { accessToken } }`;
  const AUDIT = `{ auditLog(first: 50, filter: { actorId: null, action: null }) { edges { node { id action actor { handle } targetType targetId at ip detail } } } }`;

  it('groups reports, takes the video down everywhere, tells its owner, suspends an account, and audits both', async () => {
    const creator = await platform.signUp({ name: 'creator' });
    const [first, second] = [
      await platform.signUp({ name: 'viewer' }),
      await platform.signUp({ name: 'viewer' }),
    ];
    const moderator = await platform.signUp({ name: 'moderator' });
    const admin = await platform.signUp({ name: 'admin' });
    moderator.token = await platform.grantRole(moderator, Role.MODERATOR);
    admin.token = await platform.grantRole(admin, Role.ADMIN);

    const videoId = await uploadAndPublish(platform, creator, await makeClip(scratch), {
      title: 'Lucky giveaway every day',
    });
    await eventually(async () => (await ask(SEARCH, {})).data.search.edges.length, {
      until: found => found === 1,
      what: 'the video in search',
    });

    // users learns of the video from videos' VideoPublished: until then it is an unknown target
    const filed = await eventually(() => ask(REPORT, { id: videoId, reason: 'SPAM' }, first), {
      until: response => !errorCodes(response).includes('NOT_FOUND'),
      what: 'the first report to be accepted',
    });
    expect(filed.data.reportContent.status).toBe('OPEN');
    expect((await ask(REPORT, { id: videoId, reason: 'OTHER' }, second)).errors).toBeUndefined();
    expect(errorCodes(await ask(REPORT, { id: videoId, reason: 'SPAM' }, first))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await ask(QUEUE, {}, first))).toEqual(['FORBIDDEN']);

    const queue = (await ask(QUEUE, {}, moderator)).data.moderationQueue.edges.map(
      (edge: any) => edge.node,
    );
    expect(queue).toEqual([
      expect.objectContaining({
        targetType: 'VIDEO',
        targetId: videoId,
        reason: 'SPAM',
        reportCount: 2,
      }),
    ]);
    const resolved = await ask(RESOLVE, { id: queue[0].id }, moderator);
    expect(resolved.data.resolveReport).toEqual({ id: queue[0].id, status: 'RESOLVED' });

    // gone for everyone else: the video, a reaction to it, search
    await eventually(async () => (await ask(VIDEO, { id: videoId }, first)).data.video, {
      until: video => video === null,
      what: 'the video to be hidden from viewers',
    });
    expect((await ask(VIDEO, { id: videoId }, undefined)).data.video).toBeNull();
    const like = await ask(
      `mutation ($id: ID!) { likeVideo(id: $id) { id } }`,
      { id: videoId },
      second,
    );
    expect(errorCodes(like)).toEqual(['NOT_FOUND']);
    await eventually(async () => (await ask(SEARCH, {})).data.search.edges, {
      until: edges => edges.length === 0,
      what: 'the video to leave search',
    });

    // its owner still sees it, marked, and is told why
    const own = await ask(VIDEO, { id: videoId }, creator);
    expect(own.data.video).toMatchObject({ id: videoId, takedownReason: 'Misleading scam links.' });
    expect(own.data.video.takenDownAt).toEqual(expect.any(String));
    const inbox = (await ask(INBOX, {}, creator)).data.me.notifications.edges.map(
      (edge: any) => edge.node,
    );
    expect(inbox).toEqual([
      {
        kind: 'CONTENT_TAKEN_DOWN',
        reason: 'Misleading scam links.',
        video: { id: videoId, takenDownAt: own.data.video.takenDownAt },
      },
    ]);

    // an admin suspends the second reporter: sessions end, sign-in is refused with the end date
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect(errorCodes(await ask(SUSPEND, { id: second.id, until }, first))).toEqual(['FORBIDDEN']);
    const suspended = await ask(SUSPEND, { id: second.id, until }, admin);
    expect(suspended.data.suspendUser).toEqual({ id: second.id, suspendedUntil: until });
    expect(errorCodes(await ask(`{ me { id } }`, {}, second))).toEqual(['UNAUTHENTICATED']);
    const signIn = await graphql(platform.url, SIGN_IN, { email: second.email });
    expect(signIn.errors).toEqual([
      expect.objectContaining({
        message: `This account is suspended until ${until}.`,
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);

    // the audit log has both, with who did it and from where
    expect(errorCodes(await ask(AUDIT, {}, moderator))).toEqual(['FORBIDDEN']);
    const audit = (await ask(AUDIT, {}, admin)).data.auditLog.edges.map((edge: any) => edge.node);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'USER_SUSPENDED',
          actor: { handle: admin.handle },
          targetType: 'USER',
          targetId: second.id,
          ip: expect.any(String),
        }),
        expect.objectContaining({
          action: 'CONTENT_TAKEN_DOWN',
          actor: { handle: moderator.handle },
          targetType: 'VIDEO',
          targetId: videoId,
        }),
        expect.objectContaining({
          action: 'REPORT_RESOLVED',
          actor: { handle: moderator.handle },
          targetId: queue[0].id,
        }),
        expect.objectContaining({ action: 'ROLES_CHANGED', actor: null, targetId: admin.id }),
      ]),
    );
    const suspension = audit.find((entry: any) => entry.action === 'USER_SUSPENDED');
    expect(JSON.parse(suspension.detail)).toEqual({ until, reason: 'Report abuse.' });
  });
});
