import { randomUUID } from 'node:crypto';
import {
  AuditRecorded,
  CommentAdded,
  ContentTakenDown,
  eventTopic,
  parseEmitted,
  UserSuspensionChanged,
  VideoPublished,
} from '@vp/contracts';
import { type EventEnvelope } from '@vp/kit';
import { errorCodes, eventually } from '@vp/kit/testing';
import PgBoss from 'pg-boss';
import {
  GOOD_PASSWORD,
  joinMessageBus,
  type MessageBus,
  startUsers,
  tokenInLink,
  type UsersHarness,
} from '../../test/harness';

const REPORT = `mutation($input: ReportContentInput!) { reportContent(input: $input) { id status targetType targetId reason } }`;
const QUEUE = `query($status: ReportStatus, $first: Int, $after: String) { moderationQueue(status: $status, first: $first, after: $after) {
  edges { node { id targetType targetId targetOwnerId reason reportCount status createdAt } } pageInfo { hasNextPage endCursor } } }`;
const RESOLVE = `mutation($id: ID!, $action: ModerationAction!, $note: String) { resolveReport(id: $id, action: $action, note: $note) { id status action note } }`;
const TAKE_DOWN = `mutation($input: TakeDownInput!) { takeDown(input: $input) }`;
const SUSPEND = `mutation($input: SuspendUserInput!) { suspendUser(input: $input) { id suspended suspendedUntil } }`;
const UNSUSPEND = `mutation($userId: ID!) { unsuspendUser(userId: $userId) { id suspended } }`;
const AUDIT = `query($first: Int, $filter: AuditLogFilter) { auditLog(first: $first, filter: $filter) {
  edges { node { id action actor { handle } actorLabel targetType targetId at ip detail } } } }`;
const INBOX = `{ me { notifications(first: 10) { edges { node { kind reason video { id } comment { id } } } } } }`;

type Account = Awaited<ReturnType<UsersHarness['signUp']>>;

let users: UsersHarness;
let bus: MessageBus;
let boss: PgBoss;
const queue = 'moderation-test.events';
let admin: Account;
let moderator: Account;

const withRole = async (role: string) => {
  const account = await users.signUp();
  await users.sql.query(`update users."user" set roles = $2 where id = $1`, [
    account.user.id,
    `{VIEWER,${role}}`,
  ]);
  const signedIn = await users.signIn(account.input.email, GOOD_PASSWORD);
  return { ...account, accessToken: signedIn.data.signIn.accessToken as string };
};

/** A published video users knows of (its feed read model), as videos' event would make it. */
const publishedVideo = async (owner: Account) => {
  const id = randomUUID();
  const event = await bus.publish(VideoPublished, { id, ownerId: owner.user.id });
  await eventually(() => users.count('feed_entry', 'id = $1', [id]), {
    what: `users to learn of video ${id} (${event.id})`,
  });
  return id;
};

const report = (account: Account, input: Record<string, unknown>) =>
  users.query(REPORT, { input: { reason: 'SPAM', details: '', ...input } }, account.accessToken);

const openItems = async () => {
  const response = await users.query(QUEUE, { status: 'OPEN', first: 100 }, moderator.accessToken);
  expect(response.errors).toBeUndefined();
  return response.data.moderationQueue.edges.map((edge: any) => edge.node);
};

/** Events on their pg-boss topics (what the outbox relay published), by a field's value. */
const published = async (
  contract: { name: string; version: number },
  field: string,
  value: string,
) =>
  eventually(
    async () =>
      ((await boss.fetch<EventEnvelope<Record<string, unknown>>>(queue, { batchSize: 100 })) ?? [])
        .map(job => job.data)
        .filter(event => event.type === eventTopic(contract) && event.payload[field] === value),
    { until: found => found.length > 0, what: `${contract.name} with ${field} ${value}` },
  );

beforeAll(async () => {
  users = await startUsers();
  bus = await joinMessageBus(users.databaseUrl);
  boss = new PgBoss({ connectionString: users.databaseUrl, schema: 'pgboss', max: 2 });
  await boss.start();
  await boss.createQueue(queue);
  for (const contract of [ContentTakenDown, UserSuspensionChanged]) {
    await boss.subscribe(eventTopic(contract), queue);
  }
  admin = await withRole('ADMIN');
  moderator = await withRole('MODERATOR');
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await bus?.stop();
  await users?.stop();
});

describe('reportContent', () => {
  it('groups many reporters of one target into one queue item; each reports it once', async () => {
    const [owner, first, second] = [
      await users.signUp(),
      await users.signUp(),
      await users.signUp(),
    ];
    const videoId = await publishedVideo(owner);
    const filed = await report(first, {
      targetType: 'VIDEO',
      targetId: videoId,
      details: 'Links to a scam.',
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data.reportContent).toMatchObject({
      status: 'OPEN',
      targetId: videoId,
      reason: 'SPAM',
    });
    expect(
      (await report(second, { targetType: 'VIDEO', targetId: videoId, reason: 'VIOLENCE' })).errors,
    ).toBeUndefined();

    const again = await report(first, { targetType: 'VIDEO', targetId: videoId, reason: 'OTHER' });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].message).toBe('You have already reported this.');

    const items = (await openItems()).filter((item: any) => item.targetId === videoId);
    expect(items).toEqual([
      expect.objectContaining({
        targetType: 'VIDEO',
        targetOwnerId: owner.user.id,
        reason: 'SPAM',
        reportCount: 2,
      }),
    ]);
  });

  it('keeps one item with the right count when many report at the same moment', async () => {
    const owner = await users.signUp();
    const reporters = await Promise.all(Array.from({ length: 8 }, () => users.signUp()));
    const videoId = await publishedVideo(owner);
    const answers = await Promise.all(
      reporters.map(reporter => report(reporter, { targetType: 'VIDEO', targetId: videoId })),
    );
    expect(answers.flatMap(answer => answer.errors ?? [])).toEqual([]);
    expect((await openItems()).filter((item: any) => item.targetId === videoId)).toEqual([
      expect.objectContaining({ reportCount: 8 }),
    ]);
    expect(await users.count('content_report', 'target_id = $1', [videoId])).toBe(8);
  });

  it('refuses bad input: anonymous, own content, unknown or malformed targets, huge details', async () => {
    const [owner, reporter] = [await users.signUp(), await users.signUp()];
    const videoId = await publishedVideo(owner);
    const anonymous = await users.query(REPORT, {
      input: { targetType: 'VIDEO', targetId: videoId, reason: 'SPAM' },
    });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await report(owner, { targetType: 'VIDEO', targetId: videoId }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await report(reporter, { targetType: 'VIDEO', targetId: randomUUID() })),
    ).toEqual(['NOT_FOUND']);
    // a stream's id is no video's
    expect(
      errorCodes(await report(reporter, { targetType: 'LIVE_STREAM', targetId: videoId })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await report(reporter, { targetType: 'USER', targetId: randomUUID() })),
    ).toEqual(['NOT_FOUND']);
    const malformed = await report(reporter, { targetType: 'VIDEO', targetId: 'x; drop table' });
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    const huge = await report(reporter, {
      targetType: 'VIDEO',
      targetId: videoId,
      details: 'x'.repeat(2001),
    });
    expect(errorCodes(huge)).toEqual(['BAD_USER_INPUT']);
    expect(huge.errors![0].extensions!.problems).toEqual([
      expect.objectContaining({ field: 'input.details' }),
    ]);
    expect(await users.count('content_report', 'reporter_id = $1', [reporter.user.id])).toBe(0);
  });

  it('is rate-limited per account (every attempt counts)', async () => {
    const reporter = await users.signUp();
    for (let i = 0; i < 20; i++) {
      expect(
        errorCodes(await report(reporter, { targetType: 'USER', targetId: randomUUID() })),
      ).toEqual(['NOT_FOUND']);
    }
    const over = await report(reporter, { targetType: 'USER', targetId: admin.user.id });
    expect(errorCodes(over)).toEqual(['RATE_LIMITED']);
    expect(await users.count('content_report', 'reporter_id = $1', [reporter.user.id])).toBe(0);
  });

  it('puts CHILD_SAFETY items at the top of the queue', async () => {
    const [owner, reporter] = [await users.signUp(), await users.signUp()];
    const older = await publishedVideo(owner);
    const urgent = await publishedVideo(owner);
    await report(reporter, { targetType: 'VIDEO', targetId: older, reason: 'SPAM' });
    await report(reporter, { targetType: 'VIDEO', targetId: urgent, reason: 'CHILD_SAFETY' });
    const items = await openItems();
    expect(items[0]).toMatchObject({ targetId: urgent, reason: 'CHILD_SAFETY' });
    expect(items.findIndex((item: any) => item.targetId === older)).toBeGreaterThan(0);
  });
});

describe('the queue and its resolution', () => {
  it('is for moderators and admins only', async () => {
    const viewer = await users.signUp();
    expect(errorCodes(await users.query(QUEUE, {}, viewer.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await users.query(QUEUE, {}))).toEqual(['UNAUTHENTICATED']);
    expect((await users.query(QUEUE, {}, admin.accessToken)).errors).toBeUndefined();
    const resolve = await users.query(
      RESOLVE,
      { id: randomUUID(), action: 'DISMISS' },
      viewer.accessToken,
    );
    expect(errorCodes(resolve)).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await users.query(RESOLVE, { id: randomUUID(), action: 'DISMISS' }, moderator.accessToken),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await users.query(RESOLVE, { id: 'nope', action: 'DISMISS' }, moderator.accessToken),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('REMOVE_CONTENT takes the target down, tells the owner why, and resolves the item once', async () => {
    const [owner, reporter] = [await users.signUp(), await users.signUp()];
    const videoId = await publishedVideo(owner);
    await report(reporter, { targetType: 'VIDEO', targetId: videoId });
    const item = (await openItems()).find((found: any) => found.targetId === videoId);
    const resolved = await users.query(
      RESOLVE,
      { id: item.id, action: 'REMOVE_CONTENT', note: 'Scam links.' },
      moderator.accessToken,
    );
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data.resolveReport).toEqual({
      id: item.id,
      status: 'RESOLVED',
      action: 'REMOVE_CONTENT',
      note: 'Scam links.',
    });

    const [event] = await published(ContentTakenDown, 'targetId', videoId);
    const payload = parseEmitted(ContentTakenDown, event.payload);
    expect(payload).toMatchObject({
      targetType: 'VIDEO',
      targetId: videoId,
      reason: 'Scam links.',
    });

    const inbox = await users.query(INBOX, {}, owner.accessToken);
    expect(inbox.data.me.notifications.edges.map((edge: any) => edge.node)).toEqual([
      { kind: 'CONTENT_TAKEN_DOWN', reason: 'Scam links.', video: { id: videoId }, comment: null },
    ]);
    const twice = await users.query(
      RESOLVE,
      { id: item.id, action: 'DISMISS' },
      moderator.accessToken,
    );
    expect(errorCodes(twice)).toEqual(['BAD_USER_INPUT']);
    // a second takedown of the same video changes nothing and tells nobody again
    const again = await users.query(
      TAKE_DOWN,
      { input: { targetType: 'VIDEO', targetId: videoId, reason: 'Again.' } },
      admin.accessToken,
    );
    expect(again.data.takeDown).toBe(true);
    expect(await users.count('notification', 'recipient_id = $1', [owner.user.id])).toBe(1);
    expect(
      await users.count('audit_entry', `action = 'CONTENT_TAKEN_DOWN' and target_id = $1`, [
        videoId,
      ]),
    ).toBe(1);
  });

  it('DISMISS leaves the content alone', async () => {
    const [owner, reporter] = [await users.signUp(), await users.signUp()];
    const videoId = await publishedVideo(owner);
    await report(reporter, { targetType: 'VIDEO', targetId: videoId });
    const item = (await openItems()).find((found: any) => found.targetId === videoId);
    // a note is plain text of bounded length, refused (never cut) otherwise, and the item stays open
    for (const note of ['n'.repeat(2001), 'bell \u0007']) {
      const refused = await users.query(
        RESOLVE,
        { id: item.id, action: 'DISMISS', note },
        moderator.accessToken,
      );
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions!.problems).toEqual([
        expect.objectContaining({ field: 'note' }),
      ]);
    }
    expect((await openItems()).some((found: any) => found.id === item.id)).toBe(true);
    const dismissed = await users.query(
      RESOLVE,
      { id: item.id, action: 'DISMISS' },
      moderator.accessToken,
    );
    expect(dismissed.data.resolveReport.status).toBe('DISMISSED');
    expect(await users.count('takedown', 'target_id = $1', [videoId])).toBe(0);
  });

  it('SUSPEND_USER suspends the owner of a reported comment (known from CommentAdded)', async () => {
    const [author, reporter] = [await users.signUp(), await users.signUp()];
    const commentId = randomUUID();
    await bus.publish(CommentAdded, { commentId, authorId: author.user.id });
    await eventually(() => users.count('comment_author', 'comment_id = $1', [commentId]), {
      what: 'the comment author',
    });
    await report(reporter, { targetType: 'COMMENT', targetId: commentId, reason: 'HARASSMENT' });
    const item = (await openItems()).find((found: any) => found.targetId === commentId);
    expect(item.targetOwnerId).toBe(author.user.id);
    const resolved = await users.query(
      RESOLVE,
      { id: item.id, action: 'SUSPEND_USER' },
      moderator.accessToken,
    );
    expect(resolved.errors).toBeUndefined();
    const signIn = await users.signIn(author.input.email, GOOD_PASSWORD);
    expect(errorCodes(signIn)).toEqual(['FORBIDDEN']);
  });
});

describe('takeDown', () => {
  it('is refused to viewers, for accounts, and for unknown targets', async () => {
    const viewer = await users.signUp();
    const input = { targetType: 'VIDEO', targetId: randomUUID(), reason: 'x' };
    expect(errorCodes(await users.query(TAKE_DOWN, { input }, viewer.accessToken))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await users.query(TAKE_DOWN, { input }, moderator.accessToken))).toEqual([
      'NOT_FOUND',
    ]);
    const account = { ...input, targetType: 'USER', targetId: viewer.user.id };
    expect(
      errorCodes(await users.query(TAKE_DOWN, { input: account }, moderator.accessToken)),
    ).toEqual(['BAD_USER_INPUT']);
    const noReason = { ...input, reason: '' };
    expect(
      errorCodes(await users.query(TAKE_DOWN, { input: noReason }, moderator.accessToken)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps takedown notices on: turning them off in the app is refused', async () => {
    const owner = await users.signUp();
    const refused = await users.query(
      `mutation { updateNotificationSettings(input: { kind: CONTENT_TAKEN_DOWN, inApp: false }) { kind } }`,
      {},
      owner.accessToken,
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    const byEmail = await users.query(
      `mutation { updateNotificationSettings(input: { kind: CONTENT_TAKEN_DOWN, email: true }) { kind inApp email } }`,
      {},
      owner.accessToken,
    );
    expect(byEmail.data.updateNotificationSettings).toEqual({
      kind: 'CONTENT_TAKEN_DOWN',
      inApp: true,
      email: true,
    });
  });

  it('takes a comment down and tells its author', async () => {
    const author = await users.signUp();
    const commentId = randomUUID();
    await bus.publish(CommentAdded, { commentId, authorId: author.user.id });
    await eventually(() => users.count('comment_author', 'comment_id = $1', [commentId]), {
      what: 'the comment author',
    });
    const done = await users.query(
      TAKE_DOWN,
      { input: { targetType: 'COMMENT', targetId: commentId, reason: 'Insults.' } },
      moderator.accessToken,
    );
    expect(done.data.takeDown).toBe(true);
    const [event] = await published(ContentTakenDown, 'targetId', commentId);
    expect(event.payload.targetType).toBe('COMMENT');
    const inbox = await users.query(INBOX, {}, author.accessToken);
    expect(inbox.data.me.notifications.edges[0].node).toMatchObject({
      kind: 'CONTENT_TAKEN_DOWN',
      reason: 'Insults.',
      comment: { id: commentId },
    });
  });
});

describe('suspendUser', () => {
  it('ends the sessions at once, refuses sign-in with the end date, and is lifted by unsuspendUser', async () => {
    const target = await users.signUp();
    const until = new Date(Date.now() + 7 * 86_400_000);
    const suspended = await users.query(
      SUSPEND,
      { input: { userId: target.user.id, until: until.toISOString(), reason: 'Spam.' } },
      admin.accessToken,
    );
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data.suspendUser).toEqual({
      id: target.user.id,
      suspended: true,
      suspendedUntil: until.toISOString(),
    });

    const me = await users.query(`{ me { id } }`, {}, target.accessToken);
    expect(errorCodes(me)).toEqual(['UNAUTHENTICATED']);
    const signIn = await users.signIn(target.input.email, GOOD_PASSWORD);
    expect(errorCodes(signIn)).toEqual(['FORBIDDEN']);
    expect(signIn.errors![0].message).toBe(
      `This account is suspended until ${until.toISOString()}.`,
    );
    // the wrong password is still only a wrong password: the suspension is told to the owner alone
    expect(errorCodes(await users.signIn(target.input.email, 'not the password at all'))).toEqual([
      'UNAUTHENTICATED',
    ]);
    // nor does an emailed sign-in link open it
    await users.query(`mutation($email: String!) { requestSignInLink(email: $email) }`, {
      email: target.input.email,
    });
    const link = await users.mailTo(target.input.email, 2);
    const viaLink = await users.query(
      `mutation($token: String!) { signInWithLink(token: $token) { accessToken } }`,
      { token: tokenInLink(link.text, 'sign-in-link') },
    );
    expect(errorCodes(viaLink)).toEqual(['FORBIDDEN']);

    const [event] = await published(UserSuspensionChanged, 'userId', target.user.id);
    expect(parseEmitted(UserSuspensionChanged, event.payload)).toMatchObject({
      suspended: true,
      suspendedUntil: until.toISOString(),
    });

    const lifted = await users.query(UNSUSPEND, { userId: target.user.id }, admin.accessToken);
    expect(lifted.data.unsuspendUser).toEqual({ id: target.user.id, suspended: false });
    expect((await users.signIn(target.input.email, GOOD_PASSWORD)).errors).toBeUndefined();
  });

  it("takes a suspended creator's items out of their followers' feeds until it is lifted", async () => {
    const [creator, fan] = [await users.signUp(), await users.signUp()];
    await users.query(
      `mutation ($id: ID!) { followUser(userId: $id) { id } }`,
      { id: creator.user.id },
      fan.accessToken,
    );
    const videoId = await publishedVideo(creator);
    const FEED = `{ me { feed(first: 10) { edges { node { __typename ... on Video { id } } } } } }`;
    const feed = async () =>
      (await users.query(FEED, {}, fan.accessToken)).data.me.feed.edges.map(
        (edge: any) => edge.node.id,
      );
    expect(await feed()).toEqual([videoId]);
    await users.query(
      SUSPEND,
      { input: { userId: creator.user.id, reason: 'Spam.' } },
      moderator.accessToken,
    );
    expect(await feed()).toEqual([]);
    await users.query(UNSUSPEND, { userId: creator.user.id }, moderator.accessToken);
    expect(await feed()).toEqual([videoId]);
  });

  it('says "until lifted" for a suspension without an end', async () => {
    const target = await users.signUp();
    await users.query(
      SUSPEND,
      { input: { userId: target.user.id, until: null, reason: 'Abuse.' } },
      moderator.accessToken,
    );
    const signIn = await users.signIn(target.input.email, GOOD_PASSWORD);
    expect(signIn.errors![0]).toMatchObject({
      message: 'This account is suspended until a moderator lifts the suspension.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('keeps to who may suspend whom, and refuses bad input', async () => {
    const [viewer, other] = [await users.signUp(), await users.signUp()];
    const input = (userId: string, extra = {}) => ({ input: { userId, reason: 'x', ...extra } });
    expect(
      errorCodes(await users.query(SUSPEND, input(other.user.id), viewer.accessToken)),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await users.query(SUSPEND, input(admin.user.id), moderator.accessToken)),
    ).toEqual(['FORBIDDEN']);
    const otherModerator = await withRole('MODERATOR');
    expect(
      errorCodes(await users.query(SUSPEND, input(otherModerator.user.id), moderator.accessToken)),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await users.query(SUSPEND, input(moderator.user.id), moderator.accessToken)),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await users.query(SUSPEND, input(randomUUID()), moderator.accessToken)),
    ).toEqual(['NOT_FOUND']);
    const past = input(other.user.id, { until: new Date(Date.now() - 1000).toISOString() });
    expect(errorCodes(await users.query(SUSPEND, past, moderator.accessToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await users.query(UNSUSPEND, { userId: other.user.id }, viewer.accessToken)),
    ).toEqual(['FORBIDDEN']);
    // nobody else sees whether an account is suspended
    const seen = await users.query(
      `query($id: ID) { user(id: $id) { suspended suspendedUntil } }`,
      { id: other.user.id },
      viewer.accessToken,
    );
    expect(seen.data.user).toEqual({ suspended: null, suspendedUntil: null });
    expect(await users.count('audit_entry', `target_id = $1`, [other.user.id])).toBe(0);
  });
});

describe('auditLog', () => {
  it('shows admins who did what to which target, when and from where; nobody else', async () => {
    const target = await users.signUp();
    await users.query(
      SUSPEND,
      { input: { userId: target.user.id, reason: 'Fraud.' } },
      admin.accessToken,
      {
        'x-forwarded-for': '203.0.113.9',
      },
    );
    await users.query(
      `mutation($id: ID!) { setUserRoles(userId: $id, roles: [VIEWER, CREATOR]) { id } }`,
      { id: target.user.id },
      admin.accessToken,
    );
    const log = await users.query(
      AUDIT,
      { first: 50, filter: { actorId: admin.user.id } },
      admin.accessToken,
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data.auditLog.edges.map((edge: any) => edge.node);
    expect(entries.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'ROLES_CHANGED',
        targetId: target.user.id,
        actor: { handle: admin.user.handle },
      }),
      expect.objectContaining({
        action: 'USER_SUSPENDED',
        targetType: 'USER',
        targetId: target.user.id,
        ip: '203.0.113.9',
      }),
    ]);
    expect(JSON.parse(entries[0].detail)).toEqual({ granted: 'CREATOR', revoked: null });
    const byAction = await users.query(
      AUDIT,
      { filter: { action: 'USER_SUSPENDED' } },
      admin.accessToken,
    );
    expect(
      byAction.data.auditLog.edges.every((edge: any) => edge.node.action === 'USER_SUSPENDED'),
    ).toBe(true);

    expect(errorCodes(await users.query(AUDIT, {}, moderator.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await users.query(AUDIT, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('records API keys and webhook endpoints made and revoked, with their owner and address', async () => {
    const owner = await users.signUp();
    const headers = { 'x-forwarded-for': '192.0.2.44' };
    const key = await users.query(
      `mutation { createApiKey(input: { name: "bot", scopes: [PUBLIC_READ] }) { apiKey { id } } }`,
      {},
      owner.accessToken,
      headers,
    );
    const keyId = key.data.createApiKey.apiKey.id;
    await users.query(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: keyId },
      owner.accessToken,
      headers,
    );
    // revoking again changes nothing, and records nothing more
    await users.query(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: keyId },
      owner.accessToken,
    );
    const endpoint = await users.query(
      `mutation { createWebhookEndpoint(input: { url: "https://hooks.example.com/vp", events: [VIDEO_PUBLISHED] }) { endpoint { id } } }`,
      {},
      owner.accessToken,
      headers,
    );
    expect(endpoint.errors).toBeUndefined();
    const endpointId = endpoint.data.createWebhookEndpoint.endpoint.id;
    await users.query(
      `mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`,
      { id: endpointId },
      owner.accessToken,
      headers,
    );

    const log = await users.query(AUDIT, { filter: { actorId: owner.user.id } }, admin.accessToken);
    expect(
      log.data.auditLog.edges.map(({ node }: any) => [
        node.action,
        node.targetId,
        node.ip,
        node.actor.handle,
      ]),
    ).toEqual([
      ['WEBHOOK_ENDPOINT_DELETED', endpointId, '192.0.2.44', owner.user.handle],
      ['WEBHOOK_ENDPOINT_CREATED', endpointId, '192.0.2.44', owner.user.handle],
      ['API_KEY_REVOKED', keyId, '192.0.2.44', owner.user.handle],
      ['API_KEY_CREATED', keyId, '192.0.2.44', owner.user.handle],
    ]);
  });

  it("stores other subgraphs' entries (AuditRecorded) once, whatever the redeliveries", async () => {
    const id = randomUUID();
    const entry = { id, targetId: randomUUID() };
    await bus.publish(AuditRecorded, entry);
    await bus.publish(AuditRecorded, entry);
    await eventually(() => users.count('audit_entry', 'id = $1', [id]), {
      what: 'the audit entry',
    });
    const log = await users.query(
      AUDIT,
      { filter: { targetId: entry.targetId } },
      admin.accessToken,
    );
    expect(log.data.auditLog.edges.map((edge: any) => edge.node)).toEqual([
      expect.objectContaining({
        id,
        action: 'WITHDRAWAL_APPROVED',
        targetType: 'WITHDRAWAL',
        ip: '203.0.113.7',
      }),
    ]);
    expect(JSON.parse(log.data.auditLog.edges[0].node.detail)).toEqual({ amountJpy: 5000 });
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    expect(await users.count('audit_entry')).toBeGreaterThan(0);
    await expect(
      users.sql.query(`update users.audit_entry set action = 'NOTHING'`),
    ).rejects.toThrow('the audit log is append only: UPDATE on audit_entry is refused');
    await expect(users.sql.query(`delete from users.audit_entry`)).rejects.toThrow(
      'the audit log is append only: DELETE on audit_entry is refused',
    );
    await expect(users.sql.query(`truncate users.audit_entry`)).rejects.toThrow(
      'the audit log is append only: TRUNCATE on audit_entry is refused',
    );
  });
});
