import { z } from 'zod';
import { audience, defineEvent, instant, planTier, role, type Subgraph, uuid } from './contract';

export const UserRegistered = defineEvent({
  name: 'UserRegistered',
  version: 1,
  summary:
    'An account was created (payments keeps the birth date for adult plans, catalog for R15 titles).',
  producer: 'users',
  // users: sign-ups by day for analysts (src/analytics/).
  consumers: ['payments', 'catalog', 'users'],
  schema: z.object({
    userId: uuid,
    handle: z.string().min(1),
    /** YYYY-MM-DD. */
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'),
  }),
  example: {
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    handle: 'hanako',
    birthDate: '1990-04-01',
  },
});

export const UserRolesChanged = defineEvent({
  name: 'UserRolesChanged',
  version: 1,
  summary:
    "An account's roles changed (setUserRoles or `npm run admin`); its tokens issued before are refused, and the next refresh carries the new roles.",
  producer: 'users',
  // users consumes it too: a change made by the admin CLI (another process, which cannot reach
  // the platform's revocation channel) revokes the account's older tokens from here.
  consumers: ['users'],
  schema: z.object({
    userId: uuid,
    /** In the Role enum's order, without repeats. */
    roles: z.array(role).min(1),
    previousRoles: z.array(role),
  }),
  example: {
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    roles: ['VIEWER', 'CREATOR'],
    previousRoles: ['VIEWER'],
  },
});

export const UserFollowed = defineEvent({
  name: 'UserFollowed',
  version: 1,
  summary: 'An account followed another (a new follow; unfollows and repeats send nothing).',
  producer: 'users',
  // The users subgraph's notifications (NEW_FOLLOWER); search's home feed (followed creators).
  consumers: ['users', 'search'],
  schema: z.object({
    followerId: uuid,
    followeeId: uuid,
    followedAt: instant,
  }),
  example: {
    followerId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    followeeId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    followedAt: '2026-04-01T09:15:00.000Z',
  },
});

export const UserUnfollowed = defineEvent({
  name: 'UserUnfollowed',
  version: 1,
  summary: 'An account stopped following another (a real unfollow; repeats send nothing).',
  producer: 'users',
  // search: the home feed stops showing the creator.
  consumers: ['search'],
  schema: z.object({
    followerId: uuid,
    followeeId: uuid,
    unfollowedAt: instant,
  }),
  example: {
    followerId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    followeeId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    unfollowedAt: '2026-04-02T10:00:00.000Z',
  },
});

export const UserProfileChanged = defineEvent({
  name: 'UserProfileChanged',
  version: 1,
  summary:
    "An account's public channel name was set (at sign-up) or changed: its whole public profile.",
  producer: 'users',
  // search: channels are found by handle and display name.
  consumers: ['search'],
  schema: z.object({
    userId: uuid,
    handle: z.string().min(1),
    displayName: z.string().min(1),
    /** Only a newer change replaces a consumer's copy, so late duplicates converge. */
    changedAt: instant,
  }),
  example: {
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    handle: 'hanako',
    displayName: '花子 Hanako',
    changedAt: '2026-04-01T09:00:00.000Z',
  },
});

/** A video (or a short) as other domains see it: enough to index it or tip it without asking. */
const video = z.object({
  id: uuid,
  ownerId: uuid,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  visibility: z.enum(['PUBLIC', 'UNLISTED', 'PRIVATE']),
  kind: z.enum(['VIDEO', 'SHORT']),
  audience,
  requiredPlan: planTier,
  durationSeconds: z.number().nonnegative().nullable(),
  /** Null while unpublished. */
  publishedAt: instant.nullable(),
  /**
   * One of the seeded categories (`CATEGORIES` in @vp/kit), or null. Optional until every
   * producer sends it (added after version 1 shipped).
   */
  categoryId: uuid.nullable().optional(),
});

const videoExample: z.input<typeof video> = {
  id: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
  ownerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
  title: '桜の季節 Cherry blossoms',
  description: 'A walk along the river.',
  tags: ['spring', 'kyoto'],
  visibility: 'PUBLIC',
  kind: 'VIDEO',
  audience: 'GENERAL',
  requiredPlan: 'FREE',
  durationSeconds: 12.5,
  publishedAt: '2026-04-01T09:00:00.000Z',
  categoryId: '7a1c0000-0000-4000-8000-000000000010',
};

/** The three events of a video's life share its payload. */
const videoEvent = (
  name: string,
  summary: string,
  example = videoExample,
  consumers: readonly Subgraph[] = ['search', 'payments'],
) =>
  defineEvent({
    name,
    version: 1,
    summary,
    producer: 'videos',
    consumers,
    schema: video,
    example,
  });

// users announces a published video to the owner's followers (NEW_VIDEO notifications) and keeps
// the followers' subscriptions feed (me.feed) from all three.
export const VideoPublished = videoEvent(
  'VideoPublished',
  'A READY video was published.',
  videoExample,
  ['search', 'payments', 'users'],
);
export const VideoUpdated = videoEvent(
  'VideoUpdated',
  "A video's details changed.",
  { ...videoExample, title: 'Cherry blossoms at dusk', visibility: 'UNLISTED' },
  ['search', 'payments', 'users'],
);
export const VideoDeleted = videoEvent(
  'VideoDeleted',
  'A video was deleted for good (its last state).',
  videoExample,
  ['search', 'payments', 'users'],
);

export const VideoLiked = defineEvent({
  name: 'VideoLiked',
  version: 1,
  summary: "A user liked someone else's video (a new like; unlikes and repeats send nothing).",
  producer: 'videos',
  // search: likes weigh in popularity and in what a user's history recommends.
  consumers: ['search'],
  schema: z.object({
    videoId: uuid,
    videoOwnerId: uuid,
    userId: uuid,
    likedAt: instant,
  }),
  example: {
    videoId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    videoOwnerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    userId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    likedAt: '2026-04-01T09:30:00.000Z',
  },
});

/** Who watched: the signed-in user, else the player session (a signed-out viewer). */
const watcher = {
  /** The signed-in viewer; null when signed out. */
  userId: uuid.nullable(),
  /** The player session of a signed-out viewer (1–100 of A-Z a-z 0-9 _ -); null when signed in. */
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .nullable(),
};

export const ViewCounted = defineEvent({
  name: 'ViewCounted',
  version: 1,
  summary:
    "A view was counted (30 s watched, or half a shorter video, once per viewer's 30-minute window; never the owner's).",
  producer: 'videos',
  // search: trending, co-viewing (related), history-based recommendations, continue watching.
  // videos: the analysts' view rollups (views and unique viewers per day; src/analytics/).
  consumers: ['search', 'videos'],
  schema: z.object({
    videoId: uuid,
    ...watcher,
    countedAt: instant,
  }),
  example: {
    videoId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    userId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    sessionId: null,
    countedAt: '2026-04-01T09:40:00.000Z',
  },
});

export const VideoFinished = defineEvent({
  name: 'VideoFinished',
  version: 1,
  summary:
    "A viewer reached the end (95 %) of a video, once per viewer's 30-minute window; never the owner.",
  producer: 'videos',
  // search: the shorts feed never repeats a short finished in the last 7 days; continue watching.
  consumers: ['search'],
  schema: z.object({
    videoId: uuid,
    ...watcher,
    finishedAt: instant,
  }),
  example: {
    videoId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    userId: null,
    sessionId: 'player-7f3a9c',
    finishedAt: '2026-04-01T09:41:00.000Z',
  },
});

export const WatchHistoryCleared = defineEvent({
  name: 'WatchHistoryCleared',
  version: 1,
  summary: 'A user cleared their watch history: what they watched until then is forgotten.',
  producer: 'videos',
  // search: recommendations and continue watching stop using it.
  consumers: ['search'],
  schema: z.object({
    userId: uuid,
    clearedAt: instant,
  }),
  example: {
    userId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    clearedAt: '2026-04-03T08:00:00.000Z',
  },
});

export const CommentAdded = defineEvent({
  name: 'CommentAdded',
  version: 1,
  summary:
    "A comment or a reply was added: who to tell (the video's owner, the author replied to).",
  producer: 'videos',
  // The users subgraph's notifications (COMMENT_ON_VIDEO, COMMENT_REPLY).
  consumers: ['users'],
  schema: z.object({
    commentId: uuid,
    videoId: uuid,
    videoOwnerId: uuid,
    authorId: uuid,
    /** The top-level comment of the thread; null for a top-level comment. */
    parentId: uuid.nullable(),
    /** The author of the comment replied to (which may itself be a reply); null for a top-level comment. */
    parentAuthorId: uuid.nullable(),
    createdAt: instant,
  }),
  example: {
    commentId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827',
    videoId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    videoOwnerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    authorId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    parentId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
    parentAuthorId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
    createdAt: '2026-04-01T09:31:00.000Z',
  },
});

export const EntitlementChanged = defineEvent({
  name: 'EntitlementChanged',
  version: 1,
  summary: "A user's plan tier or age verification changed.",
  producer: 'payments',
  // users: adult items in the subscriptions feed and adult NEW_VIDEO / LIVE_STARTED notifications;
  // search: ADULT results only for age-verified viewers.
  consumers: ['videos', 'live', 'users', 'catalog', 'search'],
  schema: z.object({
    userId: uuid,
    tier: planTier,
    ageVerified: z.boolean(),
    /** Only a newer change replaces a consumer's row, so late duplicates converge. */
    changedAt: instant,
  }),
  example: {
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    tier: 'PREMIUM',
    ageVerified: true,
    changedAt: '2026-04-01T09:00:00.000Z',
  },
});

export const LiveStreamChanged = defineEvent({
  name: 'LiveStreamChanged',
  version: 1,
  summary: 'A live stream was created or changed status.',
  producer: 'live',
  // users: LIVE_STARTED notifications to the owner's followers.
  consumers: ['search', 'payments', 'users'],
  schema: z.object({
    id: uuid,
    ownerId: uuid,
    title: z.string(),
    description: z.string(),
    status: z.enum(['SCHEDULED', 'LIVE', 'ENDED']),
    requiredPlan: planTier,
    audience,
    scheduledAt: instant.nullable(),
    startedAt: instant.nullable(),
    endedAt: instant.nullable(),
  }),
  example: {
    id: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
    ownerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    title: '夜の配信 Night stream',
    description: 'Talking about the week.',
    status: 'LIVE',
    requiredPlan: 'FREE',
    audience: 'GENERAL',
    scheduledAt: null,
    startedAt: '2026-04-01T20:00:00.000Z',
    endedAt: null,
  },
});

export const LiveRecordingReady = defineEvent({
  name: 'LiveRecordingReady',
  version: 1,
  summary: "A finished stream's recording is stored as an upload; videos turns it into a video.",
  producer: 'live',
  consumers: ['videos'],
  schema: z.object({
    streamId: uuid,
    ownerId: uuid,
    /** The video id live chose: the recording is stored at `uploads/<videoId>/source`. */
    videoId: uuid,
    title: z.string().min(1).max(100),
    description: z.string().max(5000),
    requiredPlan: planTier,
    audience,
    sourceKey: z.string().min(1),
    sizeBytes: z.number().int().positive(),
    contentType: z.string().startsWith('video/'),
  }),
  example: {
    streamId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
    ownerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    videoId: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706',
    title: '夜の配信 Night stream',
    description: 'Talking about the week.',
    requiredPlan: 'FREE',
    audience: 'GENERAL',
    sourceKey: 'uploads/5c4b3a29-1807-4f6e-9d5c-4b3a29180706/source',
    sizeBytes: 1_048_576,
    contentType: 'video/mp4',
  },
});

export const TipReceived = defineEvent({
  name: 'TipReceived',
  version: 1,
  summary: "A tip's payment succeeded (a tip on a live stream shows in its chat).",
  producer: 'payments',
  consumers: ['live', 'users'],
  schema: z.object({
    tipId: uuid,
    targetId: uuid,
    targetKind: z.enum(['VIDEO', 'LIVE_STREAM']),
    creatorId: uuid,
    fromUserId: uuid,
    amountJpy: z.number().int().positive(),
    /** The tipper's words, possibly empty; not validated by payments beyond its length. */
    message: z.string(),
  }),
  example: {
    tipId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
    targetId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
    targetKind: 'LIVE_STREAM',
    creatorId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    fromUserId: '1d2c3b4a-5f6e-4d7c-8b9a-0a1b2c3d4e5f',
    amountJpy: 500,
    message: 'ありがとう!',
  },
});

/** ISO 3166-1 alpha-2, upper case. */
const territory = z.string().regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code such as JP');

export const TitleChanged = defineEvent({
  name: 'TitleChanged',
  version: 1,
  summary:
    'A catalog title was published, edited, licensed, unlicensed or withdrawn (its whole current state).',
  producer: 'catalog',
  // search: titles are searchable where they are or will be licensed.
  consumers: ['search'],
  schema: z.object({
    id: uuid,
    kind: z.enum(['SERIES', 'FILM']),
    name: z.string(),
    synopsis: z.string(),
    genres: z.array(z.string()),
    releaseYear: z.number().int().nullable(),
    maturityRating: z.enum(['G', 'PG12', 'R15', 'R18']),
    audience,
    requiredPlan: planTier,
    /** False once unpublished or deleted: consumers drop the title. */
    published: z.boolean(),
    publishedAt: instant.nullable(),
    /** Every licence window, past ones included; playable in a territory while one covers now. */
    licences: z.array(
      z.object({ territories: z.array(territory), startsAt: instant, endsAt: instant }),
    ),
  }),
  example: {
    id: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706',
    kind: 'SERIES',
    name: '深夜食堂 Midnight Diner',
    synopsis: 'Stories told over late-night meals.',
    genres: ['drama'],
    releaseYear: 2026,
    maturityRating: 'PG12',
    audience: 'GENERAL',
    requiredPlan: 'PREMIUM',
    published: true,
    publishedAt: '2026-12-01T00:00:00.000Z',
    licences: [
      {
        territories: ['JP', 'KR'],
        startsAt: '2026-12-01T00:00:00.000Z',
        endsAt: '2027-12-01T00:00:00.000Z',
      },
    ],
  },
});

export const VideoMediaChanged = defineEvent({
  name: 'VideoMediaChanged',
  version: 1,
  summary:
    "A video's media became playable (READY), or the video was deleted: the catalog attaches only READY videos to episodes.",
  producer: 'videos',
  consumers: ['catalog'],
  schema: z.object({
    id: uuid,
    ownerId: uuid,
    /** DELETED: the video and its media are gone; an episode playing it has nothing to play. */
    status: z.enum(['READY', 'DELETED']),
    durationSeconds: z.number().nonnegative().nullable(),
    /** The master playlist, relative to the video's media prefix `videos/<id>/` (null once deleted). */
    playbackEntry: z
      .string()
      // segments of [A-Za-z0-9._-], none starting with a dot (no `..`), as @vp/media's keys
      .regex(
        /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/,
        'Expected a path under the media prefix',
      )
      .nullable(),
    changedAt: instant,
  }),
  example: {
    id: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    ownerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    status: 'READY',
    durationSeconds: 1440,
    playbackEntry: 'master.m3u8',
    changedAt: '2026-12-01T09:00:00.000Z',
  },
});

export const CatalogVideoChanged = defineEvent({
  name: 'CatalogVideoChanged',
  version: 1,
  summary:
    "A catalog episode took a manager's video as its content (videos withdraws it from every public surface) or let it go.",
  producer: 'catalog',
  // videos keeps the video out of its lists and its own playback, and tells search, payments and
  // users to drop it (VideoDeleted: it no longer exists as a standalone video).
  consumers: ['videos'],
  schema: z.object({
    videoId: uuid,
    /** The manager who uploaded it (the catalog attaches only its uploader's own READY videos). */
    ownerId: uuid,
    episodeId: uuid,
    titleId: uuid,
    /** False when the episode let the video go (replaced, or the episode removed). */
    attached: z.boolean(),
    /** Only a newer change replaces what videos knows, so late or repeated deliveries converge. */
    changedAt: instant,
  }),
  example: {
    videoId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    ownerId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    episodeId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827',
    titleId: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706',
    attached: true,
    changedAt: '2026-12-01T09:05:00.000Z',
  },
});

/** What a moderator can take down (an account is suspended instead). */
export const takedownTarget = z.enum(['VIDEO', 'COMMENT', 'LIVE_STREAM', 'CHAT_MESSAGE']);

export const ContentTakenDown = defineEvent({
  name: 'ContentTakenDown',
  version: 1,
  summary:
    'A moderator took content down: its owning subgraph hides it from everyone but its owner, stops its playback, ends a live stream.',
  producer: 'users',
  // videos: videos and comments; live: streams and chat messages; search: drops it from results.
  consumers: ['videos', 'live', 'search'],
  schema: z.object({
    targetType: takedownTarget,
    targetId: uuid,
    /** Shown to the owner (the notification, `takedownReason`). */
    reason: z.string().min(1).max(1000),
    takenDownAt: instant,
  }),
  example: {
    targetType: 'VIDEO',
    targetId: '0b9d2f4a-3c1e-4f5a-8b6d-7e8f9a0b1c2d',
    reason: 'Spam: repeated misleading links.',
    takenDownAt: '2026-12-06T10:00:00.000Z',
  },
});

export const UserSuspensionChanged = defineEvent({
  name: 'UserSuspensionChanged',
  version: 1,
  summary:
    'An account was suspended or its suspension lifted (its whole current state): while suspended its public content is hidden and its uploads, streams, comments and chat refused.',
  producer: 'users',
  consumers: ['videos', 'live', 'search'],
  schema: z.object({
    userId: uuid,
    suspended: z.boolean(),
    /** When a suspension ends by itself; null while `suspended`: until lifted. */
    suspendedUntil: instant.nullable(),
    /** Only a newer change replaces what a consumer knows (deliveries are unordered). */
    changedAt: instant,
  }),
  example: {
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    suspended: true,
    suspendedUntil: '2026-12-13T10:00:00.000Z',
    changedAt: '2026-12-06T10:00:00.000Z',
  },
});

export const AuditRecorded = defineEvent({
  name: 'AuditRecorded',
  version: 1,
  summary:
    'A privileged action outside users (a withdrawal decided, a refund or chargeback applied): users appends it to the audit log.',
  producer: 'payments',
  consumers: ['users'],
  schema: z.object({
    /** The entry's id: a redelivery stores nothing twice. */
    id: uuid,
    action: z.string().regex(/^[A-Z][A-Z_]{1,59}$/),
    /** The account that acted; null for a provider or the system. */
    actorId: uuid.nullable(),
    targetType: z.string().min(1).max(40),
    targetId: z.string().min(1).max(200),
    at: instant,
    /** The client address the kit derived (TRUST_PROXY); null off a request (webhooks, jobs). */
    ip: z.string().max(64).nullable(),
    detail: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
  example: {
    id: '3e1f0c2d-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    action: 'WITHDRAWAL_APPROVED',
    actorId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    targetType: 'WITHDRAWAL',
    targetId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827',
    at: '2026-12-06T10:00:00.000Z',
    ip: '203.0.113.7',
    detail: { amountJpy: 5000 },
  },
});

/** The money emails payments asks users (which holds the addresses and the mailer) to send. */
export const moneyEmailKind = z.enum([
  'PAYMENT_RECEIPT',
  'PAYMENT_FAILED',
  'RENEWAL_REMINDER',
  'CANCELLATION_CONFIRMED',
  'TIP_RECEIPT',
  'TIP_RECEIVED',
  'WITHDRAWAL_REQUESTED',
  'WITHDRAWAL_PAID',
  'WITHDRAWAL_FAILED',
]);

export const MoneyEmailDue = defineEvent({
  name: 'MoneyEmailDue',
  version: 1,
  summary:
    'A money email is due to an account (receipt, failed payment, renewal reminder, cancellation, tip, withdrawal); users mails it once per key.',
  producer: 'payments',
  consumers: ['users'],
  schema: z.object({
    /**
     * `<kind>:<what caused it>` (an invoice, tip, withdrawal or subscription period): the
     * consumer mails each key once, however often the event is delivered.
     */
    key: z.string().min(3).max(200),
    kind: moneyEmailKind,
    userId: uuid,
    /** Whole yen: the charge, tip, withdrawal, or the price a renewal will charge. */
    amountJpy: z.number().int().nonnegative(),
    /** The plan's name (subscription mails), else null. */
    planName: z.string().nullable(),
    /** The period paid for (receipt), the period that failed, or (reminder, cancellation) the one ending. */
    periodStart: instant.nullable(),
    periodEnd: instant.nullable(),
    /** The other side of a tip: the creator (TIP_RECEIPT) or the tipper (TIP_RECEIVED). */
    counterpartId: uuid.nullable(),
    /** The invoice, tip or withdrawal id, for the mail's reference line. */
    referenceId: z.string().max(100).nullable(),
    /** When it happened (the provider's time when it said). */
    at: instant,
  }),
  example: {
    key: 'PAYMENT_RECEIPT:8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
    kind: 'PAYMENT_RECEIPT',
    userId: '6a0f3c1e-8a57-4e0b-9d1c-2b7e4c1f0a11',
    amountJpy: 980,
    planName: 'Premium',
    periodStart: '2026-12-01T00:00:00.000Z',
    periodEnd: '2026-12-31T00:00:00.000Z',
    counterpartId: null,
    referenceId: '8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
    at: '2026-12-01T00:00:05.000Z',
  },
});

/** Every cross-subgraph event, in the order of the README's table. */
export const EVENTS = [
  UserRegistered,
  UserRolesChanged,
  UserFollowed,
  UserUnfollowed,
  UserProfileChanged,
  VideoPublished,
  VideoUpdated,
  VideoDeleted,
  VideoLiked,
  ViewCounted,
  VideoFinished,
  WatchHistoryCleared,
  CommentAdded,
  EntitlementChanged,
  LiveStreamChanged,
  LiveRecordingReady,
  TipReceived,
  TitleChanged,
  VideoMediaChanged,
  CatalogVideoChanged,
  ContentTakenDown,
  UserSuspensionChanged,
  AuditRecorded,
  MoneyEmailDue,
] as const;
