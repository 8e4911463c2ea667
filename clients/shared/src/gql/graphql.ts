/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: any; output: any; }
};

/** A comment, or with parentId a reply. */
export type AddCommentInput = {
  /** 1–2000 characters of plain text; no control characters but line breaks and tabs. */
  body: Scalars['String']['input'];
  /** The comment replied to; a reply to a reply joins the thread of its top-level comment. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  videoId: Scalars['ID']['input'];
};

/** A new episode, played by a READY video you uploaded. */
export type AddEpisodeInput = {
  /** 1–200 characters. */
  name: Scalars['String']['input'];
  /** 0 (a special) to 10000, unique within the season. */
  number: Scalars['Int']['input'];
  seasonId: Scalars['ID']['input'];
  /** Up to 2000 characters. */
  synopsis?: InputMaybe<Scalars['String']['input']>;
  /** A READY video you uploaded (createUpload → completeUpload). It becomes catalog content: out of every public list, playable only through this episode. */
  videoId: Scalars['ID']['input'];
};

/** A licence: where (territories) and when ([startsAt, endsAt)) a title plays. */
export type AddLicenceInput = {
  /** The first instant it no longer plays (after startsAt). */
  endsAt: Scalars['DateTime']['input'];
  /** The first instant it plays. */
  startsAt: Scalars['DateTime']['input'];
  /** ISO 3166-1 alpha-2 codes (JP, KR…), 1 to 250. No two licences of a title may overlap in one territory. */
  territories: Array<Scalars['String']['input']>;
  titleId: Scalars['ID']['input'];
};

/** A new season of a title (a film has exactly one). */
export type AddSeasonInput = {
  /** 1–200 characters, such as "Season 1". */
  name: Scalars['String']['input'];
  /** 0 (specials) to 1000, unique within the title. */
  number: Scalars['Int']['input'];
  titleId: Scalars['ID']['input'];
};

/** Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ. */
export type Analytics = {
  __typename?: 'Analytics';
  /** Always "platform". */
  id: Scalars['ID']['output'];
  /** Revenue per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed; tips agree with the ledger. */
  revenueByDay: Array<RevenueDay>;
  /** Accounts created per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed. */
  signupsByDay: Array<SignupDay>;
  /** Accounts per plan tier now: current (ACTIVE or PAST_DUE) subscriptions, and FREE for every other known account. */
  subscribersByPlan: Array<PlanCount>;
  /** The most viewed videos from `from` to `to` (at most 366 days), most views first; `first` 1–100. */
  topVideos: Array<TopVideo>;
  /** Views, watch time and unique viewers per day from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days), every day listed: the whole platform, one creator or one video. */
  viewsByDay: Array<ViewDay>;
};


/** Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ. */
export type AnalyticsRevenueByDayArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};


/** Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ. */
export type AnalyticsSignupsByDayArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};


/** Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ. */
export type AnalyticsTopVideosArgs = {
  first?: Scalars['Int']['input'];
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};


/** Aggregates of the platform for analysts: ANALYST or ADMIN accounts, or keys with ANALYTICS_READ. */
export type AnalyticsViewsByDayArgs = {
  creatorId?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
  videoId?: InputMaybe<Scalars['ID']['input']>;
};

/** A key a program uses instead of a sign-in (Authorization: Bearer vp_…): it acts as its owner, limited to its scopes. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** Browser origins allowed to use it (CORS); none: servers only. */
  allowedOrigins: Array<Scalars['String']['output']>;
  /** Its own cost budget; null: the platform's default for keys. */
  budget?: Maybe<ApiKeyBudget>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** When it was last used, to within a few minutes. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What it is for, as its owner named it. */
  name: Scalars['String']['output'];
  /** Its first characters (vp_ and 8 more), to tell keys apart; the key itself is shown once. */
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<ApiScope>;
};

/** A key's own cost budget (a leaky bucket). */
export type ApiKeyBudget = {
  __typename?: 'ApiKeyBudget';
  /** The most points the bucket holds. */
  maximumAvailable: Scalars['Int']['output'];
  /** Points restored each second. */
  restoreRate: Scalars['Int']['output'];
};

/** A key's own cost budget. */
export type ApiKeyBudgetInput = {
  maximumAvailable: Scalars['Int']['input'];
  restoreRate: Scalars['Int']['input'];
};

/** What an API key may do: PUBLIC_READ (queries and subscriptions), VIDEOS_WRITE (uploads, videos, comments, likes, playlists), LIVE_WRITE (live streams and chat), WEBHOOKS (webhook endpoints), ANALYTICS_READ (analytics; ANALYST or ADMIN accounts only). */
export type ApiScope =
  | 'ANALYTICS_READ'
  | 'LIVE_WRITE'
  | 'PUBLIC_READ'
  | 'VIDEOS_WRITE'
  | 'WEBHOOKS';

/** ADULT content needs an age-verified adult on PREMIUM_PLUS. */
export type Audience =
  | 'ADULT'
  | 'GENERAL';

/** One privileged action, as the append-only audit log keeps it (ADMIN only). */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** What was done: ROLES_CHANGED, USER_SUSPENDED, CONTENT_TAKEN_DOWN… */
  action: Scalars['String']['output'];
  /** The account that acted; null for the admin CLI, a provider or a job. */
  actor?: Maybe<User>;
  /** Who acted when it was no account (the admin CLI: `operator:<login>`). */
  actorLabel?: Maybe<Scalars['String']['output']>;
  /** When it was done. */
  at: Scalars['DateTime']['output'];
  /** What else was recorded, as a JSON object. */
  detail: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The client address it came from; null off a request (the CLI, webhooks). */
  ip?: Maybe<Scalars['String']['output']>;
  targetId: Scalars['String']['output'];
  targetType: Scalars['String']['output'];
};

export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** Narrows the audit log; every field is optional. */
export type AuditLogFilter = {
  /** Only this action. */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Only what this account did. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only actions on this target id. */
  targetId?: InputMaybe<Scalars['String']['input']>;
};

/** A signed-in session: a short-lived access token and a refresh token. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as "Authorization: Bearer <token>"; valid for 10 minutes. */
  accessToken: Scalars['String']['output'];
  /** When the access token stops working. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** Exchange it with refreshSession for a new pair before the access token expires; each refresh token works once. */
  refreshToken: Scalars['String']['output'];
  /** The signed-in account. */
  user: User;
};

/** Whether it plays for you, here and now, and if not exactly why. Worked out per request from your territory, plan and age and the licence windows. */
export type Availability = {
  __typename?: 'Availability';
  /** Start of the licence period in your territory that plays now (or the next, or the last one). */
  availableFrom?: Maybe<Scalars['DateTime']['output']>;
  /** End of that period (exclusive). */
  availableUntil?: Maybe<Scalars['DateTime']['output']>;
  playable: Scalars['Boolean']['output'];
  /** Null when playable. */
  reason?: Maybe<AvailabilityReason>;
  /** The lowest plan that may watch it. */
  requiredPlan: PlanTier;
};

/** Why something does not play, checked in this order: NOT_PUBLISHED, TERRITORY_BLOCKED (no licence in your territory), NOT_YET_AVAILABLE, LICENCE_EXPIRED, SIGN_IN_REQUIRED, AGE_RESTRICTED (R18: age-verified adults; R15: 15 and over), PAYMENT_REQUIRED (plan). */
export type AvailabilityReason =
  /** R18 needs an age-verified adult; R15 needs 15 or over. */
  | 'AGE_RESTRICTED'
  /** Its licence in your territory ended at availableUntil. */
  | 'LICENCE_EXPIRED'
  /** Not published (or withdrawn); for an episode, nothing to play yet. */
  | 'NOT_PUBLISHED'
  /** Licensed in your territory from availableFrom. */
  | 'NOT_YET_AVAILABLE'
  /** Your plan is below requiredPlan. */
  | 'PAYMENT_REQUIRED'
  /** It needs a plan or an age check: sign in first. */
  | 'SIGN_IN_REQUIRED'
  /** No licence covers your territory. */
  | 'TERRITORY_BLOCKED';

/** Where to send an avatar: PUT the bytes to `url` with `headers`, then call completeAvatarUpload(uploadId). */
export type AvatarUpload = {
  __typename?: 'AvatarUpload';
  /** The URL works once, until then. */
  expiresAt: Scalars['DateTime']['output'];
  headers: Array<AvatarUploadHeader>;
  method: Scalars['String']['output'];
  /** Give it to completeAvatarUpload once the file is sent. */
  uploadId: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};

/** A header the avatar upload request must carry. */
export type AvatarUploadHeader = {
  __typename?: 'AvatarUploadHeader';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** How often a plan is billed. */
export type BillingInterval =
  | 'MONTH';

/** ARRIVING: starts playing in your territory. LEAVING: stops playing there. */
export type CalendarChange =
  | 'ARRIVING'
  | 'LEAVING';

/** A title arriving in or leaving your territory at an instant. */
export type CalendarEntry = {
  __typename?: 'CalendarEntry';
  /** The instant of the change (a licence period starts or ends). */
  at: Scalars['DateTime']['output'];
  change: CalendarChange;
  title: Title;
};

/** A video category, named in the language the viewer asks for. */
export type Category = {
  __typename?: 'Category';
  id: Scalars['ID']['output'];
  /** Its name in the language of Accept-Language (ja or en; ja when neither is asked for). */
  name: Scalars['String']['output'];
  /** A stable URL-safe name, e.g. "music". */
  slug: Scalars['String']['output'];
};

/** One line of a live stream’s chat. The body is plain text: clients must render it as text, never as HTML. */
export type ChatMessage = {
  __typename?: 'ChatMessage';
  /** Who wrote it (for a tip: who tipped). */
  author: User;
  /** 1 to 500 characters of plain text (a tip’s may be empty). */
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ChatMessageKind;
  /** The live stream this was said in. */
  streamId: Scalars['ID']['output'];
  /** The tip in yen; null unless kind is TIP. */
  tipAmountJpy?: Maybe<Scalars['Int']['output']>;
};

export type ChatMessageConnection = {
  __typename?: 'ChatMessageConnection';
  edges: Array<ChatMessageEdge>;
  pageInfo: PageInfo;
};

/** A chat message was deleted: clients remove it from view. */
export type ChatMessageDeleted = {
  __typename?: 'ChatMessageDeleted';
  deletedAt: Scalars['DateTime']['output'];
  messageId: Scalars['ID']['output'];
  streamId: Scalars['ID']['output'];
};

export type ChatMessageEdge = {
  __typename?: 'ChatMessageEdge';
  cursor: Scalars['String']['output'];
  node: ChatMessage;
};

/** MESSAGE: written by a viewer. TIP: a tip to the streamer, shown highlighted. */
export type ChatMessageKind =
  | 'MESSAGE'
  | 'TIP';

/** Where to pay: open `url` in a browser. */
export type CheckoutStart = {
  __typename?: 'CheckoutStart';
  /** The payment page: Stripe Checkout, a CCBill form, or (embedded default) the local sandbox page. */
  url: Scalars['String']['output'];
};

/** A comment on a video, or a reply to one (one level deep). */
export type Comment = {
  __typename?: 'Comment';
  /** Who wrote it; null once deleted. */
  author?: Maybe<User>;
  /** The text; null once deleted. */
  body?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  deleted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** How many users like it. */
  likeCount: Scalars['Int']['output'];
  /** The top-level comment of a reply. */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** Replies, oldest first (top-level comments only). */
  replies: CommentConnection;
  /** Replies that are not deleted. */
  replyCount: Scalars['Int']['output'];
  /** Whether you like it (false when signed out). */
  viewerHasLiked: Scalars['Boolean']['output'];
};


/** A comment on a video, or a reply to one (one level deep). */
export type CommentRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type CommentConnection = {
  __typename?: 'CommentConnection';
  edges: Array<CommentEdge>;
  pageInfo: PageInfo;
};

export type CommentEdge = {
  __typename?: 'CommentEdge';
  cursor: Scalars['String']['output'];
  node: Comment;
};

/** NEWEST: most recent first. TOP: most liked first, then most recent. */
export type CommentSort =
  | 'NEWEST'
  | 'TOP';

/** Your report; its status is its queue item’s. */
export type ContentReport = {
  __typename?: 'ContentReport';
  createdAt: Scalars['DateTime']['output'];
  details: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  reason: ReportReason;
  /** Where its queue item stands. */
  status: ReportStatus;
  targetId: Scalars['ID']['output'];
  targetType: ReportTargetType;
};

/** A new API key. */
export type CreateApiKeyInput = {
  /** Browser origins (https://host[:port]) allowed to call the API with it, at most 10. */
  allowedOrigins?: Array<Scalars['String']['input']>;
  /** What it is for, 1–100 characters. */
  name: Scalars['String']['input'];
  /** What it may do; ANALYTICS_READ only for ANALYST and ADMIN accounts. */
  scopes: Array<ApiScope>;
};

/** A new key: `key` is shown here once and never again (only its hash is kept). */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  apiKey: ApiKey;
  /** The key itself (vp_…). Keep it secret; it cannot be shown again. */
  key: Scalars['String']['output'];
};

/** The picture about to be sent; the file itself goes to `url`. */
export type CreateAvatarUploadInput = {
  /** The MIME type the file will be sent with: image/png, image/jpeg, image/webp or image/gif. */
  contentType: Scalars['String']['input'];
  /** Exact size of the file in bytes, 1 to 5242880 (5 MB). */
  sizeBytes: Scalars['Int']['input'];
};

/** A new live stream; only the title is required. */
export type CreateLiveStreamInput = {
  /** GENERAL by default. */
  audience?: InputMaybe<Audience>;
  /** Up to 5000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The lowest plan that may watch (FREE by default). */
  requiredPlan?: InputMaybe<PlanTier>;
  /** When it is announced to start (within a year); unannounced when null. */
  scheduledAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 1 to 100 characters (trimmed). */
  title: Scalars['String']['input'];
};

export type CreatePlaylistInput = {
  /** Up to 5000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–150 characters. */
  title: Scalars['String']['input'];
  visibility?: PlaylistVisibility;
};

/** A new title: a draft until publishTitle. */
export type CreateTitleInput = {
  /** Derived from the rating (ADULT exactly for R18); when given it must agree. */
  audience?: InputMaybe<Audience>;
  /** Up to 10, lower case: drama, sci-fi. */
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  kind: TitleKind;
  maturityRating: MaturityRating;
  /** 1–200 characters. */
  name: Scalars['String']['input'];
  /** 1870 to 2200. */
  releaseYear?: InputMaybe<Scalars['Int']['input']>;
  /** The lowest plan that may watch it: PREMIUM unless given; R18 needs PREMIUM_PLUS. */
  requiredPlan?: InputMaybe<PlanTier>;
  /** Up to 2000 characters. */
  synopsis?: InputMaybe<Scalars['String']['input']>;
};

/** What the uploader is about to send; the file itself goes to `upload.url`. */
export type CreateUploadInput = {
  /** The MIME type the file will be sent with: a video/* type (mp4, quicktime, webm, matroska…). */
  contentType: Scalars['String']['input'];
  /** The file's name on the uploader's device (1–255 characters), kept for reference. */
  filename: Scalars['String']['input'];
  /** Exact size of the file in bytes (1 up to the configured limit, 10 GiB by default). A safe integer: GraphQL Int stops at 2 GiB. */
  sizeBytes: Scalars['SafeInt']['input'];
  /** The title of the new video (1–100 characters). */
  title: Scalars['String']['input'];
};

/** The new video, waiting for its file, and where to send the file. */
export type CreateUploadPayload = {
  __typename?: 'CreateUploadPayload';
  upload: UploadTarget;
  video: Video;
};

/** A new webhook endpoint. */
export type CreateWebhookEndpointInput = {
  /** Which of your channel's events to send. */
  events: Array<WebhookEvent>;
  /** Where to POST: https (http and local addresses only on a development platform). */
  url: Scalars['String']['input'];
};

/** A new endpoint: `secret` is shown here once. */
export type CreateWebhookEndpointPayload = {
  __typename?: 'CreateWebhookEndpointPayload';
  endpoint: WebhookEndpoint;
  /** whsec_…: verify each delivery with it (Standard Webhooks); it cannot be shown again. */
  secret: Scalars['String']['output'];
};

/** One change to the earnings balance. */
export type EarningEntry = {
  __typename?: 'EarningEntry';
  /** Signed yen: positive adds to earnings. */
  amountJpy: Scalars['Int']['output'];
  /** When it counts as available (later than createdAt while on hold). */
  availableAt: Scalars['DateTime']['output'];
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** What moved the money. */
  kind: EarningEntryKind;
  /** The tip, for tip entries. */
  tipId?: Maybe<Scalars['ID']['output']>;
  /** The withdrawal, for withdrawal entries. */
  withdrawalId?: Maybe<Scalars['ID']['output']>;
};

export type EarningEntryConnection = {
  __typename?: 'EarningEntryConnection';
  edges: Array<EarningEntryEdge>;
  pageInfo: PageInfo;
};

export type EarningEntryEdge = {
  __typename?: 'EarningEntryEdge';
  cursor: Scalars['String']['output'];
  node: EarningEntry;
};

/** TIP_CREDIT: a tip, minus the fee. TIP_REVERSAL: a refund or chargeback taking it back. TIP_PARTIAL_REFUND: a refund of part of a tip taking back that share. WITHDRAWAL_HOLD: moved out for a withdrawal request. WITHDRAWAL_RELEASED: returned when the request was rejected. WITHDRAWAL_RETURNED: returned when the payout failed. (WITHDRAWAL_PAID moves held money and is not an entry of earnings.) */
export type EarningEntryKind =
  | 'TIP_CREDIT'
  | 'TIP_PARTIAL_REFUND'
  | 'TIP_REVERSAL'
  | 'WITHDRAWAL_HOLD'
  | 'WITHDRAWAL_PAID'
  | 'WITHDRAWAL_RELEASED'
  | 'WITHDRAWAL_RETURNED';

/** A creator's tip earnings in yen, after the platform's fee. */
export type Earnings = {
  __typename?: 'Earnings';
  /** Can be withdrawn now (negative after a refund of money already paid out). */
  availableJpy: Scalars['Int']['output'];
  /** Everything ever earned, net of refunds and chargebacks, withdrawn or not. */
  lifetimeJpy: Scalars['Int']['output'];
  /** Credited but still on hold (7 days after each tip). */
  pendingJpy: Scalars['Int']['output'];
};

/** The language of the emails the platform sends you (receipts, notices). */
export type EmailLanguage =
  | 'EN'
  | 'JA';

/** An episode of a season (a film is one season with one episode). */
export type Episode = {
  __typename?: 'Episode';
  /** Whether it plays for you here and now: its title's availability, and its video's. */
  availability: Availability;
  /** Its running time in seconds (its video’s). */
  durationSeconds: Scalars['Int']['output'];
  /** The episode id. */
  id: Scalars['ID']['output'];
  /** Its title, up to 200 characters. */
  name: Scalars['String']['output'];
  /** Its place in the season; 0 is a special. */
  number: Scalars['Int']['output'];
  /** Signed HLS URLs when it plays for you; else null with PAYMENT_REQUIRED (plan) or FORBIDDEN (every other reason), extensions.reason being the AvailabilityReason. */
  playback?: Maybe<EpisodePlayback>;
  /** The season it belongs to. */
  season: Season;
  /** What happens in it, up to 2000 characters. */
  synopsis: Scalars['String']['output'];
};

export type EpisodeConnection = {
  __typename?: 'EpisodeConnection';
  edges: Array<EpisodeEdge>;
  pageInfo: PageInfo;
};

export type EpisodeEdge = {
  __typename?: 'EpisodeEdge';
  cursor: Scalars['String']['output'];
  node: Episode;
};

/** Signed HLS playback of an episode's video. */
export type EpisodePlayback = {
  __typename?: 'EpisodePlayback';
  /** After this the URLs are refused; never later than the end of the licence window playing now. */
  expiresAt: Scalars['DateTime']['output'];
  /** The master playlist's URL; it also admits the video's other playlists and segments. */
  hlsUrl: Scalars['String']['output'];
};

/** Something in your subscriptions feed: a video or a live stream (the videos and live subgraphs resolve their fields). */
export type FeedItem = LiveStream | Video;

/** Feed items: live streams first, then newest first. */
export type FeedItemConnection = {
  __typename?: 'FeedItemConnection';
  edges: Array<FeedItemEdge>;
  pageInfo: PageInfo;
};

/** One feed item and its cursor. */
export type FeedItemEdge = {
  __typename?: 'FeedItemEdge';
  cursor: Scalars['String']['output'];
  /** Null when the video or stream changed since the feed learnt of it and is no longer yours to see. */
  node?: Maybe<FeedItem>;
};

/** New followers of one UTC day. */
export type FollowerDay = {
  __typename?: 'FollowerDay';
  /** Accounts that started following that day and still follow. */
  count: Scalars['Int']['output'];
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
};

/** The home feed: personal when signed in, trending and fresh otherwise. */
export type HomeFeedConnection = {
  __typename?: 'HomeFeedConnection';
  edges: Array<HomeFeedEdge>;
  pageInfo: PageInfo;
};

/** One item of the home feed and its cursor. */
export type HomeFeedEdge = {
  __typename?: 'HomeFeedEdge';
  cursor: Scalars['String']['output'];
  node: HomeFeedItem;
};

/** Something on the home page: a video or a live stream. */
export type HomeFeedItem = LiveStream | Video;

/** A header the upload request must carry. */
export type HttpHeader = {
  __typename?: 'HttpHeader';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** A charge for your subscription: what was billed, for which period. */
export type Invoice = {
  __typename?: 'Invoice';
  /** The amount in yen, tax included. */
  amountJpy: Scalars['Int']['output'];
  /** When it was charged (or first tried). */
  createdAt: Scalars['DateTime']['output'];
  /** The invoice id. */
  id: Scalars['ID']['output'];
  /** When it was paid; null if it was not. */
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  /** The end of the period it pays for. */
  periodEnd: Scalars['DateTime']['output'];
  /** The start of the period it pays for. */
  periodStart: Scalars['DateTime']['output'];
  status: InvoiceStatus;
};

export type InvoiceConnection = {
  __typename?: 'InvoiceConnection';
  edges: Array<InvoiceEdge>;
  pageInfo: PageInfo;
};

export type InvoiceEdge = {
  __typename?: 'InvoiceEdge';
  cursor: Scalars['String']['output'];
  node: Invoice;
};

/** PAID: charged. FAILED: the charge failed (the provider retries it; it becomes PAID if a retry succeeds). REFUNDED: charged, then given back in full. */
export type InvoiceStatus =
  | 'FAILED'
  | 'PAID'
  | 'REFUNDED';

/** A window [startsAt, endsAt) in which a title may play in some territories. */
export type Licence = {
  __typename?: 'Licence';
  /** The first instant it no longer plays. */
  endsAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The first instant it plays. */
  startsAt: Scalars['DateTime']['output'];
  /** ISO 3166-1 alpha-2 codes, in alphabetical order. */
  territories: Array<Scalars['String']['output']>;
};

/** Signed live HLS of a stream on air. */
export type LivePlayback = {
  __typename?: 'LivePlayback';
  /** After this the URLs are refused; ask for `playback` again. */
  expiresAt: Scalars['DateTime']['output'];
  /** The master playlist's URL; it also admits the stream's other playlists and segments. */
  hlsUrl: Scalars['String']['output'];
};

/** A live broadcast by one user. */
export type LiveStream = {
  __typename?: 'LiveStream';
  audience: Audience;
  /** Seconds each chatter waits between two messages (0 = off); moderators are exempt. */
  chatSlowModeSeconds: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Up to 5000 characters; empty when not given. */
  description: Scalars['String']['output'];
  /** When it went off air. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** How to publish: its owner only (UNAUTHENTICATED or FORBIDDEN for anyone else). */
  ingest?: Maybe<LiveStreamIngest>;
  /** Who broadcasts it. */
  owner: User;
  /** The most concurrent viewers this stream has had. */
  peakViewerCount: Scalars['Int']['output'];
  /** Signed live HLS URLs while the stream is LIVE, valid for a limited time (null before and after). Null with PAYMENT_REQUIRED (plan) or FORBIDDEN (ADULT, not age-verified) when the viewer may not play it. */
  playback?: Maybe<LivePlayback>;
  /** The recording of the session (from its first publish): its owner and admins only, null for others. Its id is the id of the Video it becomes. */
  recording?: Maybe<Recording>;
  /** The lowest plan that may watch it. */
  requiredPlan: PlanTier;
  /** When it is announced to start; null when not announced. */
  scheduledAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it went on air. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: LiveStreamStatus;
  /** Why it was taken down. */
  takedownReason?: Maybe<Scalars['String']['output']>;
  /** When a moderator took it down (only its owner and admins still see it). */
  takenDownAt?: Maybe<Scalars['DateTime']['output']>;
  /** Up to 100 characters. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** People watching now: subscribers of its chat or count and players that fetched its playlist in the last 30 s, across every instance. */
  viewerCount: Scalars['Int']['output'];
};

export type LiveStreamConnection = {
  __typename?: 'LiveStreamConnection';
  edges: Array<LiveStreamEdge>;
  pageInfo: PageInfo;
};

export type LiveStreamEdge = {
  __typename?: 'LiveStreamEdge';
  cursor: Scalars['String']['output'];
  node: LiveStream;
};

/** Where and how the owner publishes. The stream key is secret: it is shown only in the answer of createLiveStream and rotateStreamKey (it is stored hashed and cannot be read back). */
export type LiveStreamIngest = {
  __typename?: 'LiveStreamIngest';
  /** The RTMP URL to give OBS or ffmpeg (the key goes in the stream key field). */
  rtmpUrl: Scalars['String']['output'];
  /** The stream key, only right after it was issued; null on any later read. */
  streamKey?: Maybe<Scalars['String']['output']>;
  /** The last 4 characters of the current key, to tell keys apart. */
  streamKeyHint?: Maybe<Scalars['String']['output']>;
};

/** SCHEDULED: not started yet. LIVE: on air now. ENDED: over (a recording may follow). */
export type LiveStreamStatus =
  | 'ENDED'
  | 'LIVE'
  | 'SCHEDULED';

/** Eirin rating: G (all ages), PG12 (parental guidance under 12), R15 (15 and over, by birth date), R18 (age-verified adults only). */
export type MaturityRating =
  | 'G'
  | 'PG12'
  | 'R15'
  | 'R18';

/** How a moderator resolves a queue item: DISMISS (no action), REMOVE_CONTENT (a takedown), SUSPEND_USER (the owner, until lifted). */
export type ModerationAction =
  | 'DISMISS'
  | 'REMOVE_CONTENT'
  | 'SUSPEND_USER';

/** One target in the moderation queue, with every report of it grouped (MODERATOR or ADMIN). */
export type ModerationItem = {
  __typename?: 'ModerationItem';
  action?: Maybe<ModerationAction>;
  /** When the first report came. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** When the latest report came. */
  lastReportedAt: Scalars['DateTime']['output'];
  /** The moderator's note. */
  note?: Maybe<Scalars['String']['output']>;
  /** The first report’s reason, CHILD_SAFETY as soon as any report says so. */
  reason: ReportReason;
  /** How many accounts reported it. */
  reportCount: Scalars['Int']['output'];
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ReportStatus;
  targetId: Scalars['ID']['output'];
  /** The target's owner, when known (not for chat messages). */
  targetOwnerId?: Maybe<Scalars['ID']['output']>;
  targetType: ReportTargetType;
};

export type ModerationItemConnection = {
  __typename?: 'ModerationItemConnection';
  edges: Array<ModerationItemEdge>;
  pageInfo: PageInfo;
};

export type ModerationItemEdge = {
  __typename?: 'ModerationItemEdge';
  cursor: Scalars['String']['output'];
  node: ModerationItem;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Comments on a video you may see, or replies with parentId. Rate-limited per user (RATE_LIMITED). */
  addComment: Comment;
  /** Adds an episode played by a READY video you uploaded (BAD_USER_INPUT for a taken number, a video not READY, someone else’s, or one already playing an episode; a film has one episode). Catalog managers only. */
  addEpisode: Episode;
  /** Licenses a title in some territories for [startsAt, endsAt) (BAD_USER_INPUT for unknown codes, an empty window, or an overlap with another licence of the title in a territory). Catalog managers only. */
  addLicence: Licence;
  /** Adds a season to a title (BAD_USER_INPUT when its number is taken, or for a film’s second). Catalog managers only. */
  addSeason: Season;
  /** Appends a video (up to 5000); adding one already there changes nothing. */
  addToPlaylist: Playlist;
  /** The streamer appoints a moderator of their chat. */
  appointModerator: Scalars['Boolean']['output'];
  /** ADMIN: approves a pending withdrawal and sends the money to the creator's payout account (PROCESSING; PAID or FAILED when the provider reports the payout). Approving again sends nothing. */
  approveWithdrawal: Withdrawal;
  /** Keeps a user out of a stream’s chat for 1 s to 30 days (streamer and moderators); answers when the ban ends. Their open chat subscription ends too. */
  banFromChat: Scalars['DateTime']['output'];
  /** Stops the renewal: the plan applies until currentPeriodEnd, then the user is FREE. */
  cancelSubscription: PlanSubscription;
  /** Upgrades at once with a prorated first charge (pay at checkoutUrl), or downgrades at the period end. */
  changePlan: PlanChange;
  /** Forgets your watch history. */
  clearWatchHistory: Scalars['Boolean']['output'];
  /** Checks the uploaded picture and makes a square copy of it your avatar (the previous one is deleted); a refused picture leaves your avatar as it was. */
  completeAvatarUpload: User;
  /** Call once the file is uploaded: checks it (size, a real video) and queues processing. A refused file marks the video FAILED with the reason. Calling it again is harmless. */
  completeUpload: Video;
  /** Starts or resumes payout onboarding at the provider, which keeps the bank details. The account becomes ACTIVE when the provider says so. */
  connectPayoutAccount: PayoutOnboarding;
  /** Makes an API key for your account (from a signed-in session, not with a key). The key is in this answer only. */
  createApiKey: CreateApiKeyPayload;
  /** Starts changing your avatar: PUT the picture (PNG, JPEG, WebP or GIF, at most 5 MB) to the URL, then call completeAvatarUpload. */
  createAvatarUpload: AvatarUpload;
  /** Creates a SCHEDULED stream of the signed-in user; `ingest.streamKey` in this answer is the only time the key can be read. */
  createLiveStream: LiveStream;
  createPlaylist: Playlist;
  /** Creates a draft title. Catalog managers only. */
  createTitle: Title;
  /** Creates a video waiting for its file and returns a signed, expiring URL to send the file to. Signed-in users only. */
  createUpload: CreateUploadPayload;
  /** Sends your channel's events to a URL, signed per the Standard Webhooks spec, at least once, retried for 3 days. The secret is in this answer only. */
  createWebhookEndpoint: CreateWebhookEndpointPayload;
  /** Deletes a chat message: its author or the chat’s moderators. */
  deleteChatMessage: Scalars['Boolean']['output'];
  /** Deletes a comment: your own, or any on your video (ADMINs: any). A comment with replies stays as deleted. */
  deleteComment: Scalars['Boolean']['output'];
  /** Deletes one of your playlists (Watch later stays). */
  deletePlaylist: Scalars['Boolean']['output'];
  /** Deletes a video and its media for good. Its owner or an ADMIN only. */
  deleteVideo: Scalars['Boolean']['output'];
  /** Deletes one of your webhook endpoints and its delivery log. */
  deleteWebhookEndpoint: Scalars['Boolean']['output'];
  /** Ends your stream now (SCHEDULED or LIVE → ENDED): viewers see it end, the publisher is let go and its key stops working; the recording goes to your videos. Ending an ended stream is a no-op. */
  endLiveStream: LiveStream;
  /** Follows an account (not your own); following it again changes nothing. */
  followUser: User;
  /** Likes a comment you may see (not a deleted one); liking it again changes nothing. */
  likeComment: Comment;
  /** Likes a video you may see; liking it again changes nothing. */
  likeVideo: Video;
  /** Marks your notifications read: those listed (others are left alone), or all when ids is left out. Returns how many changed. */
  markNotificationsRead: Scalars['Int']['output'];
  /** Moves a video to a 0-based position. */
  movePlaylistItem: Playlist;
  /** Publishes a title with at least one episode: it plays wherever and whenever its licences say. Catalog managers only. */
  publishTitle: Title;
  /** Publishes a READY video (BAD_USER_INPUT otherwise), now or, with `at` in the future (at most 366 days ahead), at that time: it stays hidden until then and VideoPublished goes out then. Its owner or an ADMIN only. */
  publishVideo: Video;
  /** Where you are in an episode you may watch now (the player sends it while playing). Signed-in viewers. */
  recordEpisodeProgress: Scalars['Boolean']['output'];
  /** A player heartbeat: keeps your place (signed in) and counts a view once per viewer and video every 30 minutes, after 30 s (or half of a shorter video) was watched. The owner's own plays do not count. */
  recordView: Scalars['Boolean']['output'];
  /** Exchanges a refresh token for a new access token and refresh token. Each refresh token works once: presenting a used one ends that session everywhere. */
  refreshSession: AuthPayload;
  /** Receives your notifications on this phone by push (each kind's `push` setting decides). Idempotent per token; a token registered by another account moves to yours. At most 20 devices: the longest unseen go. Pushes stop when this session ends. */
  registerPushDevice: PushDevice;
  /** ADMIN: refuses a pending withdrawal; the amount goes back to available earnings. */
  rejectWithdrawal: Withdrawal;
  /** Removes an episode; its video stays catalog content. Catalog managers only. */
  removeEpisode: Scalars['Boolean']['output'];
  /** Takes a video out; the positions after it move up. */
  removeFromPlaylist: Playlist;
  /** Removes a licence. Catalog managers only. */
  removeLicence: Scalars['Boolean']['output'];
  /** The streamer removes a moderator; false when they were none. */
  removeModerator: Scalars['Boolean']['output'];
  /** Reports content or an account (signed in). One report per account and target (again: BAD_USER_INPUT); 20 an hour. */
  reportContent: ContentReport;
  /** Emails the signed-in account a link (valid 24 hours) that confirms its address. */
  requestEmailVerification: Scalars['Boolean']['output'];
  /** Emails a password-reset link (valid 30 minutes) if an account has this address. Always answers true, so it tells nobody which addresses have accounts. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Emails a one-time sign-in link (valid 15 minutes) if an account has this address; the way in when signIn answers FORBIDDEN with extensions.reason SIGN_IN_LINK_REQUIRED. Always answers true. */
  requestSignInLink: Scalars['Boolean']['output'];
  /** Asks to be paid part of your available earnings (at least ¥1,000, at most what is available). The amount is held at once, until an admin pays or rejects the request. */
  requestWithdrawal: Withdrawal;
  /** Sets a new password from a reset link and signs the account out everywhere. */
  resetPassword: Scalars['Boolean']['output'];
  /** Resolves a queue item (MODERATOR or ADMIN); `id` is the item’s. */
  resolveReport: ModerationItem;
  /** Takes back a cancellation before the period ends. */
  resumeSubscription: PlanSubscription;
  /** Resumes an interrupted upload of your video (still waiting for its file): signed targets for the parts not stored yet, or a fresh URL for a file sent in one request that has not arrived. */
  resumeUpload: UploadTarget;
  /** Revokes one of your keys: it stops working from the next request. */
  revokeApiKey: ApiKey;
  /** Replaces the stream key of your stream: the old key stops working at once; the new one is in `ingest.streamKey` of this answer only. */
  rotateStreamKey: LiveStream;
  /** Says something in a live stream’s chat (signed in; 1–500 characters of plain text; at most 5 messages per 10 s, and one per slow-mode period). */
  sendChatMessage: ChatMessage;
  /** Queues a TEST delivery to one of your endpoints (see its delivery log). */
  sendTestWebhook: Scalars['Boolean']['output'];
  /** Tips the creator of a video or live stream (¥100–¥50,000, never yourself). Returns a PENDING tip and the checkout URL where you pay; adult content pays through CCBill, the rest through Stripe. The creator is credited once the payment succeeds. */
  sendTip: Tip;
  /** ADMIN: gives a key its own cost budget (a partner's larger quota), or back the default with null. */
  setApiKeyBudget: ApiKey;
  /** One message per user every `seconds` (0 = off, at most 300); moderators are exempt. */
  setSlowMode: LiveStream;
  /** Makes the frame at `atSeconds` (0 to the video's duration) the poster (`thumbnailUrl`, under a new URL). A READY video of the caller's own only: BAD_USER_INPUT for another status or a time outside the video, NOT_FOUND or FORBIDDEN for someone else's. */
  setThumbnail: Video;
  /** Replaces an account's roles (ADMIN only). The account's access tokens issued before the change are refused everywhere within 2 seconds; its next refresh carries the new roles. */
  setUserRoles: User;
  /** Signs in with email and password. After 5 failures for one email from one address, that address is refused with RATE_LIMITED (extensions.retryAfterSeconds) for 30 s, doubling with each further failure; other addresses are not slowed. When 10 addresses have tried one account within an hour, its password is refused with FORBIDDEN (extensions.reason SIGN_IN_LINK_REQUIRED): ask for a link with requestSignInLink. */
  signIn: AuthPayload;
  /** Signs in with the token from a sign-in link; each link works once. */
  signInWithLink: AuthPayload;
  /** Ends the session the refresh token belongs to. Its access tokens are refused on every service, and its open subscriptions closed, within 2 seconds. */
  signOut: Scalars['Boolean']['output'];
  /** Creates an account and signs it in. */
  signUp: AuthPayload;
  /** Starts paying for a plan. The subscription starts when the provider confirms the payment (its webhook), not when this returns. FREE: BAD_USER_INPUT; adults-only plans: FORBIDDEN under 18; already on a plan: BAD_USER_INPUT. */
  startCheckout: CheckoutStart;
  /** Suspends an account (MODERATOR or ADMIN; only admins suspend moderators, nobody an admin): its sessions end, it cannot sign in, its content is hidden. */
  suspendUser: User;
  /** Takes content down (MODERATOR or ADMIN): hidden from everyone but its owner, playback stopped, a live stream ended; the owner is told why. */
  takeDown: Scalars['Boolean']['output'];
  /** Lifts a ban early; false when none was in force. */
  unbanFromChat: Scalars['Boolean']['output'];
  /** Stops following an account; unfollowing one you do not follow changes nothing. */
  unfollowUser: User;
  /** Takes a like of a comment back; unliking one you do not like changes nothing. */
  unlikeComment: Comment;
  /** Takes a like back; unliking a video you do not like changes nothing. */
  unlikeVideo: Video;
  /** Withdraws a title (NOT_PUBLISHED); it stays readable by id. Catalog managers only. */
  unpublishTitle: Title;
  /** Stops pushes to one of your devices (the app signing out). Whether one of yours was removed; another account's token is left alone. */
  unregisterPushDevice: Scalars['Boolean']['output'];
  /** Lifts a suspension now (MODERATOR or ADMIN). */
  unsuspendUser: User;
  /** Changes an episode's number, text or video. Catalog managers only. */
  updateEpisode: Episode;
  /** Chooses whether one kind of notification reaches you in the app, by email and by push. */
  updateNotificationSettings: NotificationSetting;
  /** Changes title, description or visibility (not of Watch later). */
  updatePlaylist: Playlist;
  /** Changes your display name and bio. */
  updateProfile: User;
  /** Changes a title's details. Catalog managers only. */
  updateTitle: Title;
  /** Changes a video's details. Its owner or an ADMIN only. */
  updateVideo: Video;
  /** Confirms an email address with the token from its link. */
  verifyEmail: Scalars['Boolean']['output'];
};


export type MutationAddCommentArgs = {
  input: AddCommentInput;
};


export type MutationAddEpisodeArgs = {
  input: AddEpisodeInput;
};


export type MutationAddLicenceArgs = {
  input: AddLicenceInput;
};


export type MutationAddSeasonArgs = {
  input: AddSeasonInput;
};


export type MutationAddToPlaylistArgs = {
  playlistId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationAppointModeratorArgs = {
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationApproveWithdrawalArgs = {
  id: Scalars['ID']['input'];
};


export type MutationBanFromChatArgs = {
  durationSeconds: Scalars['Int']['input'];
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationChangePlanArgs = {
  planId: Scalars['ID']['input'];
};


export type MutationCompleteAvatarUploadArgs = {
  uploadId: Scalars['ID']['input'];
};


export type MutationCompleteUploadArgs = {
  parts?: InputMaybe<Array<UploadedPartInput>>;
  videoId: Scalars['ID']['input'];
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateAvatarUploadArgs = {
  input: CreateAvatarUploadInput;
};


export type MutationCreateLiveStreamArgs = {
  input: CreateLiveStreamInput;
};


export type MutationCreatePlaylistArgs = {
  input: CreatePlaylistInput;
};


export type MutationCreateTitleArgs = {
  input: CreateTitleInput;
};


export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
};


export type MutationCreateWebhookEndpointArgs = {
  input: CreateWebhookEndpointInput;
};


export type MutationDeleteChatMessageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteCommentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeletePlaylistArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEndLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFollowUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationLikeCommentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationMarkNotificationsReadArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationMovePlaylistItemArgs = {
  playlistId: Scalars['ID']['input'];
  position: Scalars['Int']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationPublishTitleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPublishVideoArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationRecordEpisodeProgressArgs = {
  input: RecordEpisodeProgressInput;
};


export type MutationRecordViewArgs = {
  input: RecordViewInput;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterPushDeviceArgs = {
  input: RegisterPushDeviceInput;
};


export type MutationRejectWithdrawalArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRemoveEpisodeArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveFromPlaylistArgs = {
  playlistId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationRemoveLicenceArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveModeratorArgs = {
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationReportContentArgs = {
  input: ReportContentInput;
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationRequestSignInLinkArgs = {
  email: Scalars['String']['input'];
};


export type MutationRequestWithdrawalArgs = {
  amountJpy: Scalars['Int']['input'];
};


export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


export type MutationResolveReportArgs = {
  action: ModerationAction;
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationResumeUploadArgs = {
  videoId: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateStreamKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSendChatMessageArgs = {
  body: Scalars['String']['input'];
  streamId: Scalars['ID']['input'];
};


export type MutationSendTestWebhookArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationSendTipArgs = {
  input: SendTipInput;
};


export type MutationSetApiKeyBudgetArgs = {
  budget?: InputMaybe<ApiKeyBudgetInput>;
  id: Scalars['ID']['input'];
};


export type MutationSetSlowModeArgs = {
  seconds: Scalars['Int']['input'];
  streamId: Scalars['ID']['input'];
};


export type MutationSetThumbnailArgs = {
  atSeconds: Scalars['Float']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationSetUserRolesArgs = {
  roles: Array<Role>;
  userId: Scalars['ID']['input'];
};


export type MutationSignInArgs = {
  input: SignInInput;
};


export type MutationSignInWithLinkArgs = {
  token: Scalars['String']['input'];
};


export type MutationSignOutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationStartCheckoutArgs = {
  planId: Scalars['ID']['input'];
  returnUrl?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSuspendUserArgs = {
  input: SuspendUserInput;
};


export type MutationTakeDownArgs = {
  input: TakeDownInput;
};


export type MutationUnbanFromChatArgs = {
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUnfollowUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnlikeCommentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnlikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnpublishTitleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnregisterPushDeviceArgs = {
  token: Scalars['String']['input'];
};


export type MutationUnsuspendUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUpdateEpisodeArgs = {
  id: Scalars['ID']['input'];
  input: UpdateEpisodeInput;
};


export type MutationUpdateNotificationSettingsArgs = {
  input: NotificationSettingsInput;
};


export type MutationUpdatePlaylistArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePlaylistInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationUpdateTitleArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTitleInput;
};


export type MutationUpdateVideoArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVideoInput;
};


export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

/** Something that happened that concerns you. */
export type Notification = {
  __typename?: 'Notification';
  /** Who did it; null if that account is gone. */
  actor?: Maybe<User>;
  /** The tip, in yen (TIP_RECEIVED only). */
  amountJpy?: Maybe<Scalars['Int']['output']>;
  /** The comment it is about, if any. */
  comment?: Maybe<Comment>;
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: NotificationKind;
  /** The live stream it is about, if any. */
  liveStream?: Maybe<LiveStream>;
  /** Whether you marked it read. */
  read: Scalars['Boolean']['output'];
  /** Why a moderator took your content down (CONTENT_TAKEN_DOWN only). */
  reason?: Maybe<Scalars['String']['output']>;
  /** The video it is about, if any. */
  video?: Maybe<Video>;
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  edges: Array<NotificationEdge>;
  pageInfo: PageInfo;
};

export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  cursor: Scalars['String']['output'];
  node: Notification;
};

/** What a notification is about. */
export type NotificationKind =
  /** Someone commented on your video. */
  | 'COMMENT_ON_VIDEO'
  /** Someone replied to your comment. */
  | 'COMMENT_REPLY'
  /** A moderator took down your video, stream or comment (`reason` says why). */
  | 'CONTENT_TAKEN_DOWN'
  /** A creator you follow went live. */
  | 'LIVE_STARTED'
  /** Someone followed you. */
  | 'NEW_FOLLOWER'
  /** A creator you follow published a video. */
  | 'NEW_VIDEO'
  /** Someone tipped you. */
  | 'TIP_RECEIVED';

/** How you want to hear about one kind of notification. */
export type NotificationSetting = {
  __typename?: 'NotificationSetting';
  /** Also sent by email, to your verified address (only what is stored in the app is mailed). */
  email: Scalars['Boolean']['output'];
  /** Stored and delivered in the app (false: not kept at all). */
  inApp: Scalars['Boolean']['output'];
  kind: NotificationKind;
  /** Also pushed to the phones where you signed in to the app (only what is stored in the app is pushed). */
  push: Scalars['Boolean']['output'];
};

/** One kind of notification and how you want it; a field left out stays. */
export type NotificationSettingsInput = {
  email?: InputMaybe<Scalars['Boolean']['input']>;
  inApp?: InputMaybe<Scalars['Boolean']['input']>;
  kind: NotificationKind;
  push?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Who bills a plan: NONE for the free plan, STRIPE for general, CCBILL for adult. */
export type PaymentProvider =
  | 'CCBILL'
  | 'NONE'
  | 'STRIPE';

/** Where a creator's withdrawals are paid: the provider's account. */
export type PayoutAccount = {
  __typename?: 'PayoutAccount';
  /** Whether withdrawals can be paid to it. */
  status: PayoutAccountStatus;
};

/** PENDING: onboarding not finished. ACTIVE: the provider pays out to it. RESTRICTED: the provider needs more from the creator before it pays out again. */
export type PayoutAccountStatus =
  | 'ACTIVE'
  | 'PENDING'
  | 'RESTRICTED';

/** Where the creator goes to set up (or finish) their payout account. */
export type PayoutOnboarding = {
  __typename?: 'PayoutOnboarding';
  /** The provider's onboarding page (Stripe Connect; the sandbox's own page locally). */
  url: Scalars['String']['output'];
};

/** A subscription plan a viewer can be on. */
export type Plan = {
  __typename?: 'Plan';
  /** Only age-verified adults may subscribe (adult content, billed by CCBill). */
  adultsOnly: Scalars['Boolean']['output'];
  /** Stable: the seeded plans have fixed ids. */
  id: Scalars['ID']['output'];
  /** How often it is billed. */
  interval: BillingInterval;
  /** The name shown to viewers. */
  name: Scalars['String']['output'];
  /** Price per interval in whole yen (tax included). */
  priceJpy: Scalars['Int']['output'];
  /** Who bills this plan. */
  provider: PaymentProvider;
  /** The tier this plan grants. */
  tier: PlanTier;
};

/** What changePlan did, or will do at the period end. */
export type PlanChange = {
  __typename?: 'PlanChange';
  /** Yen charged now: the new plan's price minus the credit. */
  amountDueNowJpy: Scalars['Int']['output'];
  /** Upgrades: where to pay the prorated amount; the new plan starts when it is paid. */
  checkoutUrl?: Maybe<Scalars['String']['output']>;
  /** When the new plan applies: now for upgrades, the period end for downgrades. */
  effectiveAt: Scalars['DateTime']['output'];
  /** Yen credited for the unused part of the current period. */
  prorationCreditJpy: Scalars['Int']['output'];
  /** The current subscription after the change. */
  subscription: PlanSubscription;
};

/** How many accounts are on one plan tier now. */
export type PlanCount = {
  __typename?: 'PlanCount';
  count: Scalars['Int']['output'];
  tier: PlanTier;
};

/** A user's paid plan, current or past; readable by that user and admins. */
export type PlanSubscription = {
  __typename?: 'PlanSubscription';
  /** True when it will end at currentPeriodEnd instead of renewing. */
  cancelAtPeriodEnd: Scalars['Boolean']['output'];
  /** When it started. */
  createdAt: Scalars['DateTime']['output'];
  /** When the paid period ends: renewal, or the end when cancelAtPeriodEnd. */
  currentPeriodEnd: Scalars['DateTime']['output'];
  /** The subscription id. */
  id: Scalars['ID']['output'];
  /** The plan subscribed to. */
  plan: Plan;
  /** Where it is in its life. */
  status: SubscriptionStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** The subscriber. */
  user: User;
};

/** Plan tiers, lowest first: FREE < PREMIUM < PREMIUM_PLUS. */
export type PlanTier =
  | 'FREE'
  | 'PREMIUM'
  | 'PREMIUM_PLUS';

/** Signed HLS playback of one video. */
export type Playback = {
  __typename?: 'Playback';
  /** False while the video is still being processed: its lowest rung is still growing (an EVENT playlist: play from the start, a seek past what is encoded waits) and the higher rungs join the master as they finish. True once READY. */
  complete: Scalars['Boolean']['output'];
  /** After this the URLs are refused; ask for `playback` again. */
  expiresAt: Scalars['DateTime']['output'];
  /** The master playlist's URL; it also admits the video's other playlists and segments. */
  hlsUrl: Scalars['String']['output'];
};

/** An ordered list of videos kept by one user. */
export type Playlist = {
  __typename?: 'Playlist';
  createdAt: Scalars['DateTime']['output'];
  /** Up to 5000 characters. */
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The built-in Watch later. */
  isWatchLater: Scalars['Boolean']['output'];
  /** Entries you may see. */
  itemCount: Scalars['Int']['output'];
  /** Entries in order, those you may see. */
  items: PlaylistItemEntryConnection;
  owner: User;
  /** 1–150 characters. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  visibility: PlaylistVisibility;
};


/** An ordered list of videos kept by one user. */
export type PlaylistItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type PlaylistConnection = {
  __typename?: 'PlaylistConnection';
  edges: Array<PlaylistEdge>;
  pageInfo: PageInfo;
};

export type PlaylistEdge = {
  __typename?: 'PlaylistEdge';
  cursor: Scalars['String']['output'];
  node: Playlist;
};

/** A video in a playlist. */
export type PlaylistItemEntry = {
  __typename?: 'PlaylistItemEntry';
  addedAt: Scalars['DateTime']['output'];
  /** 0-based, among the entries you may see. */
  position: Scalars['Int']['output'];
  video: Video;
};

export type PlaylistItemEntryConnection = {
  __typename?: 'PlaylistItemEntryConnection';
  edges: Array<PlaylistItemEntryEdge>;
  pageInfo: PageInfo;
};

export type PlaylistItemEntryEdge = {
  __typename?: 'PlaylistItemEntryEdge';
  cursor: Scalars['String']['output'];
  node: PlaylistItemEntry;
};

/** PUBLIC: on its owner's channel for everyone. UNLISTED: readable by whoever has its id. PRIVATE: its owner only. */
export type PlaylistVisibility =
  | 'PRIVATE'
  | 'PUBLIC'
  | 'UNLISTED';

/** A device of yours that receives push notifications. */
export type PushDevice = {
  __typename?: 'PushDevice';
  /** When this device was registered to your account. */
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** When the app last registered this device. */
  lastSeenAt: Scalars['DateTime']['output'];
  platform: PushPlatform;
  /** The Expo push token the app registered. */
  token: Scalars['String']['output'];
};

/** The operating system of a device that receives push notifications. */
export type PushPlatform =
  | 'ANDROID'
  | 'IOS';

export type Query = {
  __typename?: 'Query';
  /** Aggregates of the platform (views, revenue, subscribers, sign-ups) for ANALYST and ADMIN accounts, and keys with ANALYTICS_READ; FORBIDDEN for anyone else. */
  analytics: Analytics;
  /** The audit log, newest first (ADMIN only). */
  auditLog: AuditEntryConnection;
  /** Titles arriving in and leaving your territory between from and to (at most 400 days), earliest first. */
  catalogCalendar: Array<CalendarEntry>;
  /** Every video category, in display order; names in Japanese or English by Accept-Language (Japanese by default). */
  categories: Array<Category>;
  /** A stream’s chat history, newest last; page back with `before: startCursor`. */
  chatMessages: ChatMessageConnection;
  /** The home page: followed creators' live streams and new videos, videos to continue and recommendations when signed in; live, trending and fresh otherwise. No item twice. */
  homeFeed: HomeFeedConnection;
  /** One live stream; null when there is none with this id. */
  liveStream?: Maybe<LiveStream>;
  /** Streams on air (newest first), then upcoming ones with an announced time (soonest first). */
  liveStreams: LiveStreamConnection;
  /** Every title, drafts and withdrawn ones included, in name order. Catalog managers only. */
  managedTitles: TitleConnection;
  /** The signed-in account. */
  me: User;
  /** The moderation queue (MODERATOR or ADMIN): one item per reported target, CHILD_SAFETY first, then oldest first. */
  moderationQueue: ModerationItemConnection;
  /** The plans on offer, cheapest first. */
  plans: Array<Plan>;
  /** A playlist: PUBLIC and UNLISTED ones for anyone with the id, PRIVATE ones for their owner; else null. */
  playlist?: Maybe<Playlist>;
  /** Your cost budget as of this request: limit, what this operation cost, what is left, when it is full again. Costs nothing to ask. Null when not asked through the gateway. */
  rateLimit?: Maybe<RateLimit>;
  /** Videos for this viewer: from their history and followed creators when known, else trending and fresh; never twice. */
  recommendedVideos: VideoFeedConnection;
  /** Videos, shorts, live streams, catalog titles and channels matching the query, filtered and sorted (best match first by default). Titles only where licensed in the viewer's territory; ADULT content only for age-verified viewers. */
  search: SearchResultConnection;
  /** Completions of a prefix, in any supported language: titles, tags and channel names of what everyone may find, most viewed first. */
  searchSuggestions: Array<Scalars['String']['output']>;
  /** An endless feed of shorts: popular and fresh ones mixed, then older ones; never one this viewer (user, else sessionId) finished in the last 7 days, never twice. */
  shortsFeed: VideoFeedConnection;
  /** One title; null when there is none with this id (or it is a draft and you do not manage the catalog). */
  title?: Maybe<Title>;
  /** Published titles that play now or will play in your territory (see availability.availableFrom), in name order. */
  titles: TitleConnection;
  /** Videos with the most recent views (a time-decayed view velocity), per period, kind and category; at most a few seconds behind the views. */
  trending: VideoFeedConnection;
  /** One account by id or by handle (null if none). */
  user?: Maybe<User>;
  /** One video; null when it does not exist or is not yours to see (unpublished or PRIVATE). */
  video?: Maybe<Video>;
  /** Published PUBLIC videos, newest first. */
  videos: VideoConnection;
  /** The territory (ISO 3166-1 alpha-2) availability is worked out for: the CDN's country of a trusted hop, else DEFAULT_TERRITORY. */
  viewerTerritory: Scalars['String']['output'];
  /** ADMIN: withdrawals in one status, oldest first (PENDING is the queue to decide). */
  withdrawals: WithdrawalConnection;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryCatalogCalendarArgs = {
  first?: Scalars['Int']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryChatMessagesArgs = {
  before?: InputMaybe<Scalars['String']['input']>;
  last?: Scalars['Int']['input'];
  streamId: Scalars['ID']['input'];
};


export type QueryHomeFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  sessionId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryManagedTitlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TitleFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryModerationQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  status?: ReportStatus;
};


export type QueryPlaylistArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecommendedVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  sessionId?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SearchFilter>;
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
  sort?: SearchSort;
};


export type QuerySearchSuggestionsArgs = {
  first?: Scalars['Int']['input'];
  prefix: Scalars['String']['input'];
};


export type QueryShortsFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  sessionId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTitleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTitlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TitleFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryTrendingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
  kind?: InputMaybe<VideoKind>;
  period?: TrendingPeriod;
};


export type QueryUserArgs = {
  handle?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VideoFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryWithdrawalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  status: WithdrawalStatus;
};

/** Your cost budget (a leaky bucket): each operation takes its cost from it before it runs, and it refills continuously. */
export type RateLimit = {
  __typename?: 'RateLimit';
  /** What this operation cost (asking only for rateLimit costs 0). */
  cost: Scalars['Int']['output'];
  /** The most points the budget holds. */
  limit: Scalars['Int']['output'];
  /** Points left after this operation. */
  remaining: Scalars['Int']['output'];
  /** When the budget will be full again if you stop now. */
  resetAt: Scalars['DateTime']['output'];
};

/** Where the player is in an episode (sent every few seconds while it plays). */
export type RecordEpisodeProgressInput = {
  episodeId: Scalars['ID']['input'];
  /** Seconds from the start, 0 to 7 days (clamped to the episode). */
  positionSeconds: Scalars['Int']['input'];
};

/** A player heartbeat, sent every few seconds while a video plays. */
export type RecordViewInput = {
  /** Where playback is now, in seconds (clamped to the duration). */
  positionSeconds: Scalars['Float']['input'];
  /** The player session (1–100 letters, digits, "-" or "_"): who a signed-out viewer is for view counting. */
  sessionId: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
  /** Seconds actually watched since the previous heartbeat (0–600). */
  watchedSeconds: Scalars['Float']['input'];
};

/** The recording of a live stream, which becomes a video of its owner. */
export type Recording = {
  __typename?: 'Recording';
  createdAt: Scalars['DateTime']['output'];
  /** Also the id of the Video it becomes: query `video(id)` once the video pipeline has it. */
  id: Scalars['ID']['output'];
  status: RecordingStatus;
};

/** RECORDING: the session is on air (or within its reconnect window). HANDED_OFF: stored and given to the video pipeline, which makes it a Video with the same id. FAILED: nothing usable was kept. */
export type RecordingStatus =
  | 'FAILED'
  | 'HANDED_OFF'
  | 'RECORDING';

/** The app's push token on this phone. */
export type RegisterPushDeviceInput = {
  platform: PushPlatform;
  /** The Expo push token (`ExponentPushToken[…]`). */
  token: Scalars['String']['input'];
};

/** One rung of the HLS ladder. */
export type Rendition = {
  __typename?: 'Rendition';
  /** Average bits per second. */
  averageBandwidth: Scalars['Int']['output'];
  /** Peak bits per second, as in the master playlist. */
  bandwidth: Scalars['Int']['output'];
  /** RFC 6381 codecs, e.g. avc1.64001f,mp4a.40.2. */
  codecs: Scalars['String']['output'];
  frameRate: Scalars['Float']['output'];
  height: Scalars['Int']['output'];
  width: Scalars['Int']['output'];
};

/** A report of content or an account that breaks the rules. */
export type ReportContentInput = {
  /** What the moderators should know, plain text of at most 2000 characters. */
  details?: InputMaybe<Scalars['String']['input']>;
  reason: ReportReason;
  targetId: Scalars['ID']['input'];
  targetType: ReportTargetType;
};

/** Why content is reported; CHILD_SAFETY goes to the top of the moderation queue. */
export type ReportReason =
  | 'CHILD_SAFETY'
  | 'COPYRIGHT'
  | 'HARASSMENT'
  | 'OTHER'
  | 'SEXUAL_CONTENT'
  | 'SPAM'
  | 'VIOLENCE';

/** OPEN until a moderator resolves it (RESOLVED: acted on; DISMISSED: no action). */
export type ReportStatus =
  | 'DISMISSED'
  | 'OPEN'
  | 'RESOLVED';

/** What a report or a takedown is about. */
export type ReportTargetType =
  | 'CHAT_MESSAGE'
  | 'COMMENT'
  | 'LIVE_STREAM'
  | 'USER'
  | 'VIDEO';

/** A new password chosen from a reset link. */
export type ResetPasswordInput = {
  /** 10 to 128 characters, not a common password. */
  newPassword: Scalars['String']['input'];
  /** The token from the reset link. */
  token: Scalars['String']['input'];
};

/** Money of one UTC day, in yen. */
export type RevenueDay = {
  __typename?: 'RevenueDay';
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
  /** The platform's fees on tips (less fees of tips reversed). */
  platformFeeJpy: Scalars['Int']['output'];
  /** Refunds and chargebacks of tips and subscriptions. */
  refundJpy: Scalars['Int']['output'];
  /** Subscription periods paid (the plan price of each). */
  subscriptionJpy: Scalars['Int']['output'];
  /** Tips paid, gross. */
  tipJpy: Scalars['Int']['output'];
};

/** What an account may do. */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'CATALOG_MANAGER'
  | 'CREATOR'
  | 'MODERATOR'
  | 'PARTNER'
  | 'VIEWER';

/** Narrows a search; every field left out or null matches everything. */
export type SearchFilter = {
  /** Only this category (see categories). */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** At most this long, in seconds. */
  durationMax?: InputMaybe<Scalars['Int']['input']>;
  /** At least this long, in seconds (only videos and shorts have a length). */
  durationMin?: InputMaybe<Scalars['Int']['input']>;
  /** Published after this time. */
  publishedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only what needs exactly this plan. */
  requiredPlan?: InputMaybe<PlanTier>;
  /** Only these kinds (at least one). */
  types?: InputMaybe<Array<SearchResultType>>;
};

/** Something a search finds: a video or short, a live stream, a catalog title, or a channel (User). */
export type SearchResult = LiveStream | Title | User | Video;

/** Search hits, in the order asked for. */
export type SearchResultConnection = {
  __typename?: 'SearchResultConnection';
  edges: Array<SearchResultEdge>;
  pageInfo: PageInfo;
};

/** One search hit and its cursor. */
export type SearchResultEdge = {
  __typename?: 'SearchResultEdge';
  cursor: Scalars['String']['output'];
  /** Null when the item changed since it was indexed and is no longer yours to see. */
  node?: Maybe<SearchResult>;
};

/** What a search may find: VIDEO, SHORT, LIVE_STREAM, TITLE (catalog) or CHANNEL (a User). */
export type SearchResultType =
  | 'CHANNEL'
  | 'LIVE_STREAM'
  | 'SHORT'
  | 'TITLE'
  | 'VIDEO';

/** RELEVANCE (best match first), NEWEST (published), MOST_VIEWED (counted views). */
export type SearchSort =
  | 'MOST_VIEWED'
  | 'NEWEST'
  | 'RELEVANCE';

/** A season of a series. */
export type Season = {
  __typename?: 'Season';
  /** Its episodes in number order. */
  episodes: EpisodeConnection;
  /** The season id. */
  id: Scalars['ID']['output'];
  /** Its name, such as "Season 1" or "The Final Season". */
  name: Scalars['String']['output'];
  /** Its place in the series; 0 holds specials. */
  number: Scalars['Int']['output'];
  /** The title it belongs to. */
  title: Title;
};


/** A season of a series. */
export type SeasonEpisodesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type SeasonConnection = {
  __typename?: 'SeasonConnection';
  edges: Array<SeasonEdge>;
  pageInfo: PageInfo;
};

export type SeasonEdge = {
  __typename?: 'SeasonEdge';
  cursor: Scalars['String']['output'];
  node: Season;
};

/** Something that happened to your account that you should know about. */
export type SecurityAlert = {
  __typename?: 'SecurityAlert';
  /** Unique per alert. */
  id: Scalars['ID']['output'];
  /** The address the request came from, as this service saw it. */
  ip?: Maybe<Scalars['String']['output']>;
  /** What happened. */
  kind: SecurityAlertKind;
  /** When it happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** The account it concerns. */
  user: User;
  /** The User-Agent of the request, if sent. */
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** What happened to the account. */
export type SecurityAlertKind =
  /** A new session signed in. */
  | 'NEW_SIGN_IN'
  /** The password was reset; every session was ended. */
  | 'PASSWORD_CHANGED'
  /** An already-used refresh token was presented; that session was ended. */
  | 'SESSION_REUSE_DETECTED';

/** A tip to the creator of a video or live stream. */
export type SendTipInput = {
  /** Whole yen, 100 to 50,000. */
  amountJpy: Scalars['Int']['input'];
  /** Up to 200 characters of plain text shown with the tip. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** The video or live stream to tip. */
  targetId: Scalars['ID']['input'];
};

/** The credentials of an existing account. */
export type SignInInput = {
  /** The email address of the account, in any case. */
  email: Scalars['String']['input'];
  /** Its password. */
  password: Scalars['String']['input'];
};

/** A new account. */
export type SignUpInput = {
  /** Your date of birth as YYYY-MM-DD; you must be 13 or older. */
  birthDate: Scalars['String']['input'];
  /** The name shown on your channel, 1 to 50 characters. */
  displayName: Scalars['String']['input'];
  /** Your email address; it is checked and kept lower-case. */
  email: Scalars['String']['input'];
  /** 3 to 30 of a-z, 0-9 and _; unique whatever the case. */
  handle: Scalars['String']['input'];
  /** 10 to 128 characters, not a common password. */
  password: Scalars['String']['input'];
};

/** Accounts created on one UTC day. */
export type SignupDay = {
  __typename?: 'SignupDay';
  count: Scalars['Int']['output'];
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
};

/** Seek previews: a sprite of thumbnails and the WebVTT that maps times to tiles. */
export type Storyboard = {
  __typename?: 'Storyboard';
  /** Signed URL of the sprite image. */
  imageUrl: Scalars['String']['output'];
  /** Signed URL of the WebVTT file; its cues point into the sprite. */
  vttUrl: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** A stream’s new chat messages. Whoever may watch the stream may follow its chat (an ADULT or PREMIUM stream’s rules apply: FORBIDDEN, PAYMENT_REQUIRED); a user banned from it gets FORBIDDEN and the subscription ends. */
  chatMessageAdded: ChatMessage;
  /** Messages deleted from a stream’s chat. */
  chatMessageDeleted: ChatMessageDeleted;
  /** Your new notifications as they are stored. */
  notificationAdded: Notification;
  /** Security events of the signed-in account as they happen: new sign-ins, password resets, refresh-token reuse. */
  securityAlerts: SecurityAlert;
  /** A video's processing as it happens: its current state, then each percent (and each rung as it becomes playable), until READY or FAILED. Its owner only. */
  videoProcessing: VideoProcessing;
  /** How many are watching a stream now: its current value, then each change, at most once a second. Viewers are subscribers of its chat or count and players that fetched its playlist in the last 30 s (a signed-in user counts once). */
  viewerCountChanged: Scalars['Int']['output'];
};


export type SubscriptionChatMessageAddedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  streamId: Scalars['ID']['input'];
};


export type SubscriptionChatMessageDeletedArgs = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
  streamId: Scalars['ID']['input'];
};


export type SubscriptionVideoProcessingArgs = {
  videoId: Scalars['ID']['input'];
};


export type SubscriptionViewerCountChangedArgs = {
  streamId: Scalars['ID']['input'];
};

/** ACTIVE: paid up. PAST_DUE: a renewal failed and is being retried; the plan still applies. CANCELED: ended early. EXPIRED: ran to the end of its last period. */
export type SubscriptionStatus =
  | 'ACTIVE'
  | 'CANCELED'
  | 'EXPIRED'
  | 'PAST_DUE';

/** An account to suspend (MODERATOR or ADMIN). */
export type SuspendUserInput = {
  /** Why: 1–1000 characters. */
  reason: Scalars['String']['input'];
  /** When it ends by itself; null: until lifted. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
  userId: Scalars['ID']['input'];
};

/** Content to take down (MODERATOR or ADMIN); an account is suspended instead. */
export type TakeDownInput = {
  /** Why, shown to the owner: 1–1000 characters. */
  reason: Scalars['String']['input'];
  targetId: Scalars['ID']['input'];
  targetType: ReportTargetType;
};

/** A one-off payment from a viewer to the creator of a video or live stream. */
export type Tip = {
  __typename?: 'Tip';
  /** The amount in yen, 100 to 50,000. */
  amountJpy: Scalars['Int']['output'];
  /** Where the viewer goes to pay (the provider’s page, or the sandbox checkout). */
  checkoutUrl?: Maybe<Scalars['String']['output']>;
  /** When it was sent. */
  createdAt: Scalars['DateTime']['output'];
  /** The tip id. */
  id: Scalars['ID']['output'];
  /** Up to 200 characters of plain text (clients must show it as text, never as HTML). */
  message: Scalars['String']['output'];
  /** Where the payment is. */
  status: TipStatus;
};

/** PENDING: waiting for the payment. SUCCEEDED: paid and credited to the creator. FAILED: the payment was declined; nothing was charged. REVERSED: refunded or charged back after payment. */
export type TipStatus =
  | 'FAILED'
  | 'PENDING'
  | 'REVERSED'
  | 'SUCCEEDED';

/** A premium series or film in the catalog. */
export type Title = {
  __typename?: 'Title';
  /** ADULT exactly when rated R18. */
  audience: Audience;
  /** Whether it plays for you, in your territory, now; and if not, exactly why. */
  availability: Availability;
  /** When it was added to the catalog. */
  createdAt: Scalars['DateTime']['output'];
  /** Genres, lower case (drama, anime, sci-fi…). */
  genres: Array<Scalars['String']['output']>;
  /** The title id. */
  id: Scalars['ID']['output'];
  /** A series or a film. */
  kind: TitleKind;
  /** Its licences, earliest first. Catalog managers only (others: null, FORBIDDEN). */
  licences?: Maybe<Array<Licence>>;
  /** The Eirin rating. */
  maturityRating: MaturityRating;
  /** The title as shown, up to 200 characters. */
  name: Scalars['String']['output'];
  /** When it was published; null while not. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The year of first release, when known. */
  releaseYear?: Maybe<Scalars['Int']['output']>;
  /** The lowest plan tier that may watch it. */
  requiredPlan: PlanTier;
  /** Its seasons in number order. */
  seasons: SeasonConnection;
  /** A short description of the story. */
  synopsis: Scalars['String']['output'];
};


/** A premium series or film in the catalog. */
export type TitleSeasonsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type TitleConnection = {
  __typename?: 'TitleConnection';
  edges: Array<TitleEdge>;
  pageInfo: PageInfo;
};

export type TitleEdge = {
  __typename?: 'TitleEdge';
  cursor: Scalars['String']['output'];
  node: Title;
};

/** Narrows a list of titles; every field is optional. */
export type TitleFilter = {
  /** GENERAL or ADULT (R18) titles only. */
  audience?: InputMaybe<Audience>;
  /** One genre, such as drama (any case). */
  genre?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<TitleKind>;
};

/** A series (seasons of episodes) or a film (one season holding one episode). */
export type TitleKind =
  | 'FILM'
  | 'SERIES';

/** A video among the most viewed of a range. */
export type TopVideo = {
  __typename?: 'TopVideo';
  /** Null when it was deleted since. */
  video?: Maybe<Video>;
  views: Scalars['Int']['output'];
  watchSeconds: Scalars['Int']['output'];
};

/** DAY: views of the last hours weigh most (half-life 4 h); WEEK: half-life 1 day. */
export type TrendingPeriod =
  | 'DAY'
  | 'WEEK';

/** The fields to change; those left out keep their value. */
export type UpdateEpisodeInput = {
  /** 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 0 to 10000, unique within the season. */
  number?: InputMaybe<Scalars['Int']['input']>;
  /** Up to 2000 characters. */
  synopsis?: InputMaybe<Scalars['String']['input']>;
  /** Another READY video of yours; the one it replaces is let go (still catalog content). */
  videoId?: InputMaybe<Scalars['ID']['input']>;
};

/** Fields left out keep their value. */
export type UpdatePlaylistInput = {
  /** Up to 5000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–150 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  visibility?: InputMaybe<PlaylistVisibility>;
};

/** Changes to your public profile; a field left out stays as it is. */
export type UpdateProfileInput = {
  /** About you: plain text (line breaks allowed), at most 1000 characters; "" clears it. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** The name shown on your channel, 1 to 50 visible characters. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** The language of the emails the platform sends you (receipts, notices). */
  language?: InputMaybe<EmailLanguage>;
};

/** The fields to change; those left out keep their value. */
export type UpdateTitleInput = {
  /** When given it must agree with the rating. */
  audience?: InputMaybe<Audience>;
  /** Replaces the genres. */
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  maturityRating?: InputMaybe<MaturityRating>;
  /** 1–200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 1870 to 2200. */
  releaseYear?: InputMaybe<Scalars['Int']['input']>;
  requiredPlan?: InputMaybe<PlanTier>;
  /** Up to 2000 characters. */
  synopsis?: InputMaybe<Scalars['String']['input']>;
};

/** The fields to change; those left out keep their value. */
export type UpdateVideoInput = {
  audience?: InputMaybe<Audience>;
  /** One of the categories (see the categories query); null removes the category. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Up to 5000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The lowest plan that may play it. */
  requiredPlan?: InputMaybe<PlanTier>;
  /** Up to 30 tags of 1–30 characters; duplicates are dropped. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1–100 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  visibility?: InputMaybe<VideoVisibility>;
};

/** One part of a file too big for one request. */
export type UploadPart = {
  __typename?: 'UploadPart';
  /** 1, 2, 3…: give it back with the ETag in completeUpload. */
  partNumber: Scalars['Int']['output'];
  /** The exact size of this part, in bytes. */
  sizeBytes: Scalars['SafeInt']['output'];
  /** The signed URL to PUT this part to. */
  url: Scalars['String']['output'];
};

/** Where and how to send the file: a signed, expiring request that only accepts this file. */
export type UploadTarget = {
  __typename?: 'UploadTarget';
  /** After this the URL is refused; call createUpload again. */
  expiresAt: Scalars['DateTime']['output'];
  /** Headers to send exactly as given. */
  headers: Array<HttpHeader>;
  /** The HTTP method (PUT). */
  method: Scalars['String']['output'];
  /** The size of every part but the last (part n starts at (n − 1) × partSizeBytes); null for one request. */
  partSizeBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Set for files sent in parts (bigger than the multipart threshold, 100 MiB by default): PUT each part, with `headers`, to its own URL instead of `url` (which is the first part), then call completeUpload (with every part number and its ETag, or without parts to let the server list them). From resumeUpload: only the parts still missing. */
  parts?: Maybe<Array<UploadPart>>;
  /** The signed URL to send the bytes to. */
  url: Scalars['String']['output'];
};

/** A part sent, with the ETag header its PUT answered. */
export type UploadedPartInput = {
  etag: Scalars['String']['input'];
  partNumber: Scalars['Int']['input'];
};

/** An account; its public face is its channel (handle, display name). */
export type User = {
  __typename?: 'User';
  /** Your API keys, newest first, revoked ones included (your own account with a session, or an ADMIN). */
  apiKeys: Array<ApiKey>;
  /** The picture shown for the account: a 256×256 WebP made from the uploaded one; null if none. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** About the account, plain text of at most 1,000 characters ("" if none). */
  bio: Scalars['String']['output'];
  /** Date of birth (YYYY-MM-DD); null unless you are this account or an admin. */
  birthDate?: Maybe<Scalars['String']['output']>;
  /** Videos you started and did not finish, most recently watched first (yours only). */
  continueWatching?: Maybe<WatchHistoryEntryConnection>;
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The name shown on the channel, 1–50 characters. */
  displayName: Scalars['String']['output'];
  /** Every change to the earnings balance, newest first; the user and admins only. */
  earningEntries?: Maybe<EarningEntryConnection>;
  /** The user's tip earnings. Only the user and admins may read them (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED). */
  earnings?: Maybe<Earnings>;
  /** The email address; null unless you are this account or an admin. */
  email?: Maybe<Scalars['String']['output']>;
  /** The language of the emails sent to the account; null unless you are this account or an admin. */
  emailLanguage?: Maybe<EmailLanguage>;
  /** Whether the email address is confirmed; null unless you are this account or an admin. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Videos and live streams of the creators you follow: those on air first, then newest first (only for your own account; null with FORBIDDEN for anyone else). */
  feed?: Maybe<FeedItemConnection>;
  /** How many accounts follow this one. */
  followerCount: Scalars['Int']['output'];
  /** The accounts following this one, newest first. */
  followers: UserConnection;
  /** New followers per UTC day for the last `days` days (1 to 366), oldest first, today last, every day listed. The account itself or an ADMIN only (FORBIDDEN for others, UNAUTHENTICATED signed out). */
  followersPerDay: Array<FollowerDay>;
  /** The accounts this one follows, newest first. */
  following: UserConnection;
  /** How many accounts this one follows. */
  followingCount: Scalars['Int']['output'];
  /** Unique, 3–30 of a-z, 0-9 and _ (stored lower-case). */
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** What the user's subscriptions were charged, newest first (failed charges too). Only the user and admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED). */
  invoices?: Maybe<InvoiceConnection>;
  /** The user's live streams, every status, newest created first. */
  liveStreams: LiveStreamConnection;
  /** The episode of a title to watch next: the one you stopped part-way through, the one after the one you finished, or the first; null after the last. Your own only. */
  nextEpisode?: Maybe<Episode>;
  /** How you hear about each kind of notification (only for your own account). */
  notificationSettings: Array<NotificationSetting>;
  /** Your notifications, newest first (only for your own account). */
  notifications: NotificationConnection;
  /** The user's payout account (null before onboarding); the user and admins only. */
  payoutAccount?: Maybe<PayoutAccount>;
  /** The tier the user is on: FREE without a current subscription. Null, with FORBIDDEN or UNAUTHENTICATED, for anyone but the user and admins. */
  planTier?: Maybe<PlanTier>;
  /** Playlists, newest first: all of yours (Watch later apart), the PUBLIC ones of others. */
  playlists: PlaylistConnection;
  /** What the account may do; public. */
  roles: Array<Role>;
  /** The current (ACTIVE or PAST_DUE) subscription; null on the free plan. Only the user and admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED). */
  subscription?: Maybe<PlanSubscription>;
  /** Whether the account is suspended now (itself, moderators and admins; else null). */
  suspended?: Maybe<Scalars['Boolean']['output']>;
  /** When the current suspension ends; null when not suspended, suspended until lifted, or not yours to see. */
  suspendedUntil?: Maybe<Scalars['DateTime']['output']>;
  /** How many of your notifications are unread. */
  unreadNotificationCount: Scalars['Int']['output'];
  /** The user's videos: all of them for the user (and admins), newest created first; the published PUBLIC ones for everyone else, newest published first. */
  videos: VideoConnection;
  /** Whether you follow this account (false when signed out). */
  viewerIsFollowing: Scalars['Boolean']['output'];
  /** Videos you played, most recently watched first (yours only: FORBIDDEN for anyone else). Signed-out plays leave no history. */
  watchHistory?: Maybe<WatchHistoryEntryConnection>;
  /** Your built-in Watch later (yours only: FORBIDDEN for anyone else). */
  watchLater?: Maybe<Playlist>;
  /** Your webhook endpoints, newest first (your own account only). */
  webhookEndpoints: Array<WebhookEndpoint>;
  /** The user's withdrawal requests, newest first; the user and admins only. */
  withdrawals?: Maybe<WithdrawalConnection>;
};


/** An account; its public face is its channel (handle, display name). */
export type UserContinueWatchingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserEarningEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserFollowersPerDayArgs = {
  days?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserInvoicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserNextEpisodeArgs = {
  titleId: Scalars['ID']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserPlaylistsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserWatchHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserWithdrawalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** A video or a short, owned by one user. */
export type Video = {
  __typename?: 'Video';
  audience: Audience;
  /** Its category, if it has one. */
  category?: Maybe<Category>;
  /** Comments and replies that are not deleted. */
  commentCount: Scalars['Int']['output'];
  /** Top-level comments, NEWEST or TOP. Null with FORBIDDEN on an ADULT video you may not watch. */
  comments?: Maybe<CommentConnection>;
  createdAt: Scalars['DateTime']['output'];
  /** Up to 5000 characters; empty when not given. */
  description: Scalars['String']['output'];
  /** Known once the upload has been probed. */
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  /** Why processing failed (FAILED only); safe to show the uploader. */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: VideoKind;
  /** How many users like it. */
  likeCount: Scalars['Int']['output'];
  /** Who uploaded it. */
  owner: User;
  /** Signed HLS URLs, valid for a limited time. Null until the video is playable (READY, or PROCESSING once its first segments exist: then `complete` is false); null with PAYMENT_REQUIRED (plan) or FORBIDDEN (age, privacy) when the viewer may not play it. */
  playback?: Maybe<Playback>;
  /** When it became (or becomes) visible to others. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Videos people who watched this also watched, blended with shared tags and category; never this video. */
  related: VideoFeedConnection;
  /** The HLS ladder, highest first: while PROCESSING the rungs playable so far (the growing lowest one first, the others as they finish); empty until playable. */
  renditions: Array<Rendition>;
  /** The lowest plan that may play it. */
  requiredPlan: PlanTier;
  /** Per-day statistics from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days). The owner, ADMINs and ANALYSTs only: null with FORBIDDEN for anyone else. */
  stats?: Maybe<Array<VideoDayStats>>;
  status: VideoStatus;
  /** Seek-preview thumbnails, for viewers who may play the video. */
  storyboard?: Maybe<Storyboard>;
  tags: Array<Scalars['String']['output']>;
  /** Why it was taken down. */
  takedownReason?: Maybe<Scalars['String']['output']>;
  /** When a moderator took it down (only its owner and admins still see it). */
  takenDownAt?: Maybe<Scalars['DateTime']['output']>;
  /** Signed URL of the poster image, once READY (ADULT videos: entitled viewers only). */
  thumbnailUrl?: Maybe<Scalars['String']['output']>;
  /** Up to 100 characters. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Views counted (see recordView). */
  viewCount: Scalars['Int']['output'];
  /** Whether you like it (false when signed out). */
  viewerHasLiked: Scalars['Boolean']['output'];
  /** Where you left this video; null when signed out or never played. */
  viewerProgress?: Maybe<ViewerProgress>;
  visibility: VideoVisibility;
};


/** A video or a short, owned by one user. */
export type VideoCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  sort?: CommentSort;
};


/** A video or a short, owned by one user. */
export type VideoRelatedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A video or a short, owned by one user. */
export type VideoStatsArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};

export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
};

/** One UTC day of a video's statistics. */
export type VideoDayStats = {
  __typename?: 'VideoDayStats';
  /** Comments and replies added that day. */
  comments: Scalars['Int']['output'];
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
  /** Likes added minus likes taken back that day. */
  likes: Scalars['Int']['output'];
  /** Views counted that day. */
  views: Scalars['Int']['output'];
  /** Seconds watched by others than the owner. */
  watchSeconds: Scalars['Int']['output'];
};

export type VideoEdge = {
  __typename?: 'VideoEdge';
  cursor: Scalars['String']['output'];
  node: Video;
};

/** Videos ranked for discovery (trending, shorts, related, recommended). */
export type VideoFeedConnection = {
  __typename?: 'VideoFeedConnection';
  edges: Array<VideoFeedEdge>;
  pageInfo: PageInfo;
};

/** A video in a ranked or personal list, and its cursor. */
export type VideoFeedEdge = {
  __typename?: 'VideoFeedEdge';
  cursor: Scalars['String']['output'];
  node: Video;
};

/** Narrows the public feed. */
export type VideoFilter = {
  /** Only videos or only shorts. */
  kind?: InputMaybe<VideoKind>;
};

/** A regular video or a short. */
export type VideoKind =
  | 'SHORT'
  | 'VIDEO';

/** Where a video is in processing. */
export type VideoProcessing = {
  __typename?: 'VideoProcessing';
  /** Why it FAILED, when it did. */
  failureReason?: Maybe<Scalars['String']['output']>;
  /** 0–100; 100 once READY. */
  percent: Scalars['Int']['output'];
  /** The first moment it could be played (its lowest rung's first segments stored): from then on `Video.playback` is given to its owner, and it may be published, while the other rungs are still being made. Null until then. */
  playableAt?: Maybe<Scalars['DateTime']['output']>;
  /** The rungs playable so far, highest first: the lowest one as soon as it starts growing, the others as they finish. Empty until playable. */
  renditions: Array<Rendition>;
  status: VideoStatus;
  videoId: Scalars['ID']['output'];
};

/** Where a video is between upload and playback. */
export type VideoStatus =
  | 'AWAITING_UPLOAD'
  | 'FAILED'
  | 'PROCESSING'
  | 'READY';

/** PUBLIC: listed and searchable once published. UNLISTED: readable by anyone with its id, never listed. PRIVATE: its owner only. */
export type VideoVisibility =
  | 'PRIVATE'
  | 'PUBLIC'
  | 'UNLISTED';

/** Views of one UTC day. */
export type ViewDay = {
  __typename?: 'ViewDay';
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
  /** Distinct viewers (accounts, or player sessions when signed out) with a counted view. */
  uniqueViewers: Scalars['Int']['output'];
  /** Views counted (30 s watched, or half a shorter video, once per viewer and 30 minutes). */
  views: Scalars['Int']['output'];
  /** Seconds watched by others than the owner. */
  watchSeconds: Scalars['Int']['output'];
};

/** Where you left a video. */
export type ViewerProgress = {
  __typename?: 'ViewerProgress';
  /** Watched to (nearly) the end. */
  completed: Scalars['Boolean']['output'];
  positionSeconds: Scalars['Int']['output'];
  watchedAt: Scalars['DateTime']['output'];
};

/** A video in your watch history. */
export type WatchHistoryEntry = {
  __typename?: 'WatchHistoryEntry';
  /** Watched to (nearly) the end. */
  completed: Scalars['Boolean']['output'];
  positionSeconds: Scalars['Int']['output'];
  video: Video;
  watchedAt: Scalars['DateTime']['output'];
};

export type WatchHistoryEntryConnection = {
  __typename?: 'WatchHistoryEntryConnection';
  edges: Array<WatchHistoryEntryEdge>;
  pageInfo: PageInfo;
};

export type WatchHistoryEntryEdge = {
  __typename?: 'WatchHistoryEntryEdge';
  cursor: Scalars['String']['output'];
  node: WatchHistoryEntry;
};

/** One event sent (or being sent) to a webhook endpoint. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Tries so far. */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  event: WebhookEvent;
  /** The webhook-id header of its requests is msg_<id>. */
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** The receiver's HTTP status on the last try. */
  responseStatus?: Maybe<Scalars['Int']['output']>;
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'SKIPPED';

/** Where your channel's events are POSTed, signed per the Standard Webhooks spec. */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  createdAt: Scalars['DateTime']['output'];
  /** Its delivery log, newest first. */
  deliveries: WebhookDeliveryConnection;
  /** Why it was disabled. */
  disabledReason?: Maybe<Scalars['String']['output']>;
  /** False once deliveries kept failing for 3 days (its owner is emailed). */
  enabled: Scalars['Boolean']['output'];
  events: Array<WebhookEvent>;
  id: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};


/** Where your channel's events are POSTed, signed per the Standard Webhooks spec. */
export type WebhookEndpointDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Events of the key owner's own channel a webhook endpoint can receive (TEST: sendTestWebhook only). */
export type WebhookEvent =
  | 'LIVE_ENDED'
  | 'LIVE_STARTED'
  | 'TEST'
  | 'TIP_RECEIVED'
  | 'VIDEO_DELETED'
  | 'VIDEO_PUBLISHED';

/** A creator's request to be paid out part of their available earnings. */
export type Withdrawal = {
  __typename?: 'Withdrawal';
  /** The amount in yen (at least 1,000). */
  amountJpy: Scalars['Int']['output'];
  /** When it was requested. */
  createdAt: Scalars['DateTime']['output'];
  /** When an admin paid or rejected it. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The withdrawal id. */
  id: Scalars['ID']['output'];
  /** Why it was rejected, for the creator. */
  rejectionReason?: Maybe<Scalars['String']['output']>;
  /** When the provider reported the payout paid or failed. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the request is. */
  status: WithdrawalStatus;
};

export type WithdrawalConnection = {
  __typename?: 'WithdrawalConnection';
  edges: Array<WithdrawalEdge>;
  pageInfo: PageInfo;
};

export type WithdrawalEdge = {
  __typename?: 'WithdrawalEdge';
  cursor: Scalars['String']['output'];
  node: Withdrawal;
};

/** PENDING: requested; the amount is held, waiting for an admin. PROCESSING: approved, the payout is on its way to the creator's bank. PAID: the provider paid it out. FAILED: the payout failed; the amount went back to the available balance. REJECTED: refused; the amount went back to the available balance. */
export type WithdrawalStatus =
  | 'FAILED'
  | 'PAID'
  | 'PENDING'
  | 'PROCESSING'
  | 'REJECTED';

export type SessionUserFragment = { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', signIn: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> } } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { __typename?: 'Mutation', signUp: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type RefreshSessionMutation = { __typename?: 'Mutation', refreshSession: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> } } };

export type SignOutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type SignOutMutation = { __typename?: 'Mutation', signOut: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, handle: string, displayName: string, email?: string | null, roles: Array<Role> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', me: { __typename?: 'User', unreadNotificationCount: number, id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> } };

export type AccountPageQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountPageQuery = { __typename?: 'Query', me: { __typename?: 'User', email?: string | null, emailVerified?: boolean | null, birthDate?: string | null, planTier?: PlanTier | null, id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role>, subscription?: { __typename?: 'PlanSubscription', id: string, status: SubscriptionStatus, currentPeriodEnd: string, cancelAtPeriodEnd: boolean, plan: { __typename?: 'Plan', id: string, tier: PlanTier, name: string, priceJpy: number } } | null, notificationSettings: Array<{ __typename?: 'NotificationSetting', kind: NotificationKind, inApp: boolean, email: boolean, push: boolean }>, watchHistory?: { __typename?: 'WatchHistoryEntryConnection', edges: Array<{ __typename?: 'WatchHistoryEntryEdge', node: { __typename?: 'WatchHistoryEntry', positionSeconds: number, completed: boolean, watchedAt: string, video: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } } }> } | null }, plans: Array<{ __typename?: 'Plan', id: string, tier: PlanTier, name: string, priceJpy: number, provider: PaymentProvider, interval: BillingInterval, adultsOnly: boolean }> };

export type MyPlanQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPlanQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, planTier?: PlanTier | null, subscription?: { __typename?: 'PlanSubscription', id: string, status: SubscriptionStatus, cancelAtPeriodEnd: boolean, currentPeriodEnd: string, plan: { __typename?: 'Plan', id: string, tier: PlanTier, name: string, priceJpy: number } } | null } };

export type PlansQueryVariables = Exact<{ [key: string]: never; }>;


export type PlansQuery = { __typename?: 'Query', plans: Array<{ __typename?: 'Plan', id: string, tier: PlanTier, name: string, priceJpy: number, provider: PaymentProvider, adultsOnly: boolean }> };

export type StartCheckoutMutationVariables = Exact<{
  planId: Scalars['ID']['input'];
  returnUrl?: InputMaybe<Scalars['String']['input']>;
}>;


export type StartCheckoutMutation = { __typename?: 'Mutation', startCheckout: { __typename?: 'CheckoutStart', url: string } };

export type CancelSubscriptionMutationVariables = Exact<{ [key: string]: never; }>;


export type CancelSubscriptionMutation = { __typename?: 'Mutation', cancelSubscription: { __typename?: 'PlanSubscription', id: string, status: SubscriptionStatus, cancelAtPeriodEnd: boolean, currentPeriodEnd: string } };

export type ResumeSubscriptionMutationVariables = Exact<{ [key: string]: never; }>;


export type ResumeSubscriptionMutation = { __typename?: 'Mutation', resumeSubscription: { __typename?: 'PlanSubscription', id: string, status: SubscriptionStatus, cancelAtPeriodEnd: boolean, currentPeriodEnd: string } };

export type UpdateNotificationSettingsMutationVariables = Exact<{
  input: NotificationSettingsInput;
}>;


export type UpdateNotificationSettingsMutation = { __typename?: 'Mutation', updateNotificationSettings: { __typename?: 'NotificationSetting', kind: NotificationKind, inApp: boolean, email: boolean, push: boolean } };

export type ClearWatchHistoryMutationVariables = Exact<{ [key: string]: never; }>;


export type ClearWatchHistoryMutation = { __typename?: 'Mutation', clearWatchHistory: boolean };

export type VerifyEmailMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type VerifyEmailMutation = { __typename?: 'Mutation', verifyEmail: boolean };

export type RequestPasswordResetMutationVariables = Exact<{
  email: Scalars['String']['input'];
}>;


export type RequestPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset: boolean };

export type RequestSignInLinkMutationVariables = Exact<{
  email: Scalars['String']['input'];
}>;


export type RequestSignInLinkMutation = { __typename?: 'Mutation', requestSignInLink: boolean };

export type SignInWithLinkMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type SignInWithLinkMutation = { __typename?: 'Mutation', signInWithLink: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null, roles: Array<Role> } } };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: boolean };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { __typename?: 'Mutation', updateProfile: { __typename?: 'User', id: string, displayName: string, bio: string } };

export type TitleCardFragment = { __typename?: 'Title', id: string, name: string, synopsis: string, releaseYear?: number | null, maturityRating: MaturityRating, requiredPlan: PlanTier, audience: Audience, titleKind: TitleKind };

export type BrowseQueryVariables = Exact<{
  kind?: InputMaybe<TitleKind>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BrowseQuery = { __typename?: 'Query', titles: { __typename?: 'TitleConnection', edges: Array<{ __typename?: 'TitleEdge', node: { __typename?: 'Title', id: string, name: string, synopsis: string, releaseYear?: number | null, maturityRating: MaturityRating, requiredPlan: PlanTier, audience: Audience, titleKind: TitleKind } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type TitlePageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TitlePageQuery = { __typename?: 'Query', viewerTerritory: string, title?: { __typename?: 'Title', createdAt: string, id: string, name: string, synopsis: string, releaseYear?: number | null, maturityRating: MaturityRating, requiredPlan: PlanTier, audience: Audience, titleKind: TitleKind, availability: { __typename?: 'Availability', playable: boolean, reason?: AvailabilityReason | null, availableFrom?: string | null, availableUntil?: string | null, requiredPlan: PlanTier }, seasons: { __typename?: 'SeasonConnection', edges: Array<{ __typename?: 'SeasonEdge', node: { __typename?: 'Season', id: string, number: number, name: string, episodes: { __typename?: 'EpisodeConnection', edges: Array<{ __typename?: 'EpisodeEdge', node: { __typename?: 'Episode', id: string, number: number, name: string, durationSeconds: number } }> } } }> } } | null };

export type ChannelPageQueryVariables = Exact<{
  handle: Scalars['String']['input'];
}>;


export type ChannelPageQuery = { __typename?: 'Query', user?: { __typename?: 'User', id: string, handle: string, displayName: string, bio: string, avatarUrl?: string | null, createdAt: string, followerCount: number, followingCount: number, viewerIsFollowing: boolean, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> }, liveStreams: { __typename?: 'LiveStreamConnection', edges: Array<{ __typename?: 'LiveStreamEdge', node: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, viewerCount: number, startedAt?: string | null, scheduledAt?: string | null, requiredPlan: PlanTier, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> }, playlists: { __typename?: 'PlaylistConnection', edges: Array<{ __typename?: 'PlaylistEdge', node: { __typename?: 'Playlist', updatedAt: string, id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } }> } } | null };

export type ChatLineFragment = { __typename?: 'ChatMessage', id: string, streamId: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } };

export type LivePageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LivePageQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', description: string, audience: Audience, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, id: string, title: string, status: LiveStreamStatus, viewerCount: number, startedAt?: string | null, scheduledAt?: string | null, requiredPlan: PlanTier, playback?: { __typename?: 'LivePlayback', hlsUrl: string, expiresAt: string } | null, owner: { __typename?: 'User', id: string, bio: string, followerCount: number, viewerIsFollowing: boolean, handle: string, displayName: string, avatarUrl?: string | null } } | null, chatMessages: { __typename?: 'ChatMessageConnection', edges: Array<{ __typename?: 'ChatMessageEdge', node: { __typename?: 'ChatMessage', id: string, streamId: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> } };

export type LivePlaybackQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LivePlaybackQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', id: string, status: LiveStreamStatus, playback?: { __typename?: 'LivePlayback', hlsUrl: string, expiresAt: string } | null } | null };

export type ChatMessageAddedSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['ID']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type ChatMessageAddedSubscription = { __typename?: 'Subscription', chatMessageAdded: { __typename?: 'ChatMessage', id: string, streamId: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } };

export type ChatMessageDeletedSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
  since?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type ChatMessageDeletedSubscription = { __typename?: 'Subscription', chatMessageDeleted: { __typename?: 'ChatMessageDeleted', messageId: string } };

export type ViewerCountChangedSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
}>;


export type ViewerCountChangedSubscription = { __typename?: 'Subscription', viewerCountChanged: number };

export type SendChatMessageMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  body: Scalars['String']['input'];
}>;


export type SendChatMessageMutation = { __typename?: 'Mutation', sendChatMessage: { __typename?: 'ChatMessage', id: string, streamId: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } };

export type DeleteChatMessageMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteChatMessageMutation = { __typename?: 'Mutation', deleteChatMessage: boolean };

export type BanFromChatMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
  durationSeconds: Scalars['Int']['input'];
}>;


export type BanFromChatMutation = { __typename?: 'Mutation', banFromChat: string };

export type SetSlowModeMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  seconds: Scalars['Int']['input'];
}>;


export type SetSlowModeMutation = { __typename?: 'Mutation', setSlowMode: { __typename?: 'LiveStream', id: string, chatSlowModeSeconds: number } };

export type NotificationItemFragment = { __typename?: 'Notification', id: string, kind: NotificationKind, amountJpy?: number | null, createdAt: string, read: boolean, reason?: string | null, actor?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null, video?: { __typename?: 'Video', id: string, title: string } | null, liveStream?: { __typename?: 'LiveStream', id: string, title: string } | null, comment?: { __typename?: 'Comment', id: string, body?: string | null } | null };

export type NotificationsQueryVariables = Exact<{
  first?: Scalars['Int']['input'];
}>;


export type NotificationsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, unreadNotificationCount: number, notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: NotificationKind, amountJpy?: number | null, createdAt: string, read: boolean, reason?: string | null, actor?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null, video?: { __typename?: 'Video', id: string, title: string } | null, liveStream?: { __typename?: 'LiveStream', id: string, title: string } | null, comment?: { __typename?: 'Comment', id: string, body?: string | null } | null } }> } } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { __typename?: 'Subscription', notificationAdded: { __typename?: 'Notification', id: string, kind: NotificationKind, amountJpy?: number | null, createdAt: string, read: boolean, reason?: string | null, actor?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null, video?: { __typename?: 'Video', id: string, title: string } | null, liveStream?: { __typename?: 'LiveStream', id: string, title: string } | null, comment?: { __typename?: 'Comment', id: string, body?: string | null } | null } };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: number };

export type PlaylistSummaryFragment = { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean };

export type MyPlaylistsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPlaylistsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, watchLater?: { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } | null, playlists: { __typename?: 'PlaylistConnection', edges: Array<{ __typename?: 'PlaylistEdge', node: { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } }> } } };

export type PlaylistPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PlaylistPageQuery = { __typename?: 'Query', playlist?: { __typename?: 'Playlist', description: string, updatedAt: string, id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null }, items: { __typename?: 'PlaylistItemEntryConnection', edges: Array<{ __typename?: 'PlaylistItemEntryEdge', node: { __typename?: 'PlaylistItemEntry', position: number, video: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } } }> } } | null };

export type CreatePlaylistMutationVariables = Exact<{
  input: CreatePlaylistInput;
}>;


export type CreatePlaylistMutation = { __typename?: 'Mutation', createPlaylist: { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } };

export type AddToPlaylistMutationVariables = Exact<{
  playlistId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
}>;


export type AddToPlaylistMutation = { __typename?: 'Mutation', addToPlaylist: { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } };

export type RemoveFromPlaylistMutationVariables = Exact<{
  playlistId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
}>;


export type RemoveFromPlaylistMutation = { __typename?: 'Mutation', removeFromPlaylist: { __typename?: 'Playlist', id: string, title: string, visibility: PlaylistVisibility, itemCount: number, isWatchLater: boolean } };

export type RegisterPushDeviceMutationVariables = Exact<{
  input: RegisterPushDeviceInput;
}>;


export type RegisterPushDeviceMutation = { __typename?: 'Mutation', registerPushDevice: { __typename?: 'PushDevice', id: string, platform: PushPlatform, lastSeenAt: string } };

export type UnregisterPushDeviceMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type UnregisterPushDeviceMutation = { __typename?: 'Mutation', unregisterPushDevice: boolean };

export type SearchQueryVariables = Exact<{
  query: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SearchQuery = { __typename?: 'Query', search: { __typename?: 'SearchResultConnection', edges: Array<{ __typename?: 'SearchResultEdge', cursor: string, node?: { __typename: 'LiveStream', id: string, title: string, status: LiveStreamStatus, viewerCount: number, startedAt?: string | null, scheduledAt?: string | null, requiredPlan: PlanTier, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } | { __typename: 'Title', id: string, name: string, synopsis: string, releaseYear?: number | null, maturityRating: MaturityRating, requiredPlan: PlanTier, audience: Audience, titleKind: TitleKind } | { __typename: 'User' } | { __typename: 'Video', description: string, id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } | null }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type StudioMeQueryVariables = Exact<{ [key: string]: never; }>;


export type StudioMeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, handle: string, displayName: string, followerCount: number } };

export type StudioVideoRowFragment = { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, kind: VideoKind, requiredPlan: PlanTier, audience: Audience, durationSeconds?: number | null, publishedAt?: string | null, createdAt: string, failureReason?: string | null, thumbnailUrl?: string | null, viewCount: number, likeCount: number, commentCount: number };

export type StudioVideosQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type StudioVideosQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, kind: VideoKind, requiredPlan: PlanTier, audience: Audience, durationSeconds?: number | null, publishedAt?: string | null, createdAt: string, failureReason?: string | null, thumbnailUrl?: string | null, viewCount: number, likeCount: number, commentCount: number } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type StudioVideoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioVideoQuery = { __typename?: 'Query', video?: { __typename?: 'Video', takenDownAt?: string | null, takedownReason?: string | null, id: string, title: string, description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, kind: VideoKind, requiredPlan: PlanTier, audience: Audience, durationSeconds?: number | null, publishedAt?: string | null, createdAt: string, failureReason?: string | null, thumbnailUrl?: string | null, viewCount: number, likeCount: number, commentCount: number, storyboard?: { __typename?: 'Storyboard', imageUrl: string, vttUrl: string } | null } | null };

export type StudioSetThumbnailMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  atSeconds: Scalars['Float']['input'];
}>;


export type StudioSetThumbnailMutation = { __typename?: 'Mutation', setThumbnail: { __typename?: 'Video', id: string, thumbnailUrl?: string | null } };

export type StudioCreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type StudioCreateUploadMutation = { __typename?: 'Mutation', createUpload: { __typename?: 'CreateUploadPayload', video: { __typename?: 'Video', id: string, title: string }, upload: { __typename?: 'UploadTarget', url: string, method: string, expiresAt: string, partSizeBytes?: any | null, headers: Array<{ __typename?: 'HttpHeader', name: string, value: string }>, parts?: Array<{ __typename?: 'UploadPart', partNumber: number, url: string, sizeBytes: any }> | null } } };

export type StudioUploadTargetFragment = { __typename?: 'UploadTarget', url: string, method: string, expiresAt: string, partSizeBytes?: any | null, headers: Array<{ __typename?: 'HttpHeader', name: string, value: string }>, parts?: Array<{ __typename?: 'UploadPart', partNumber: number, url: string, sizeBytes: any }> | null };

export type StudioResumeUploadMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioResumeUploadMutation = { __typename?: 'Mutation', resumeUpload: { __typename?: 'UploadTarget', url: string, method: string, expiresAt: string, partSizeBytes?: any | null, headers: Array<{ __typename?: 'HttpHeader', name: string, value: string }>, parts?: Array<{ __typename?: 'UploadPart', partNumber: number, url: string, sizeBytes: any }> | null } };

export type StudioCompleteUploadMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioCompleteUploadMutation = { __typename?: 'Mutation', completeUpload: { __typename?: 'Video', id: string, status: VideoStatus, failureReason?: string | null } };

export type StudioVideoProcessingSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioVideoProcessingSubscription = { __typename?: 'Subscription', videoProcessing: { __typename?: 'VideoProcessing', videoId: string, status: VideoStatus, percent: number, failureReason?: string | null } };

export type StudioUpdateVideoMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateVideoInput;
}>;


export type StudioUpdateVideoMutation = { __typename?: 'Mutation', updateVideo: { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, kind: VideoKind, requiredPlan: PlanTier, audience: Audience, durationSeconds?: number | null, publishedAt?: string | null, createdAt: string, failureReason?: string | null, thumbnailUrl?: string | null, viewCount: number, likeCount: number, commentCount: number } };

export type StudioPublishVideoMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  at?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type StudioPublishVideoMutation = { __typename?: 'Mutation', publishVideo: { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, kind: VideoKind, requiredPlan: PlanTier, audience: Audience, durationSeconds?: number | null, publishedAt?: string | null, createdAt: string, failureReason?: string | null, thumbnailUrl?: string | null, viewCount: number, likeCount: number, commentCount: number } };

export type StudioDeleteVideoMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioDeleteVideoMutation = { __typename?: 'Mutation', deleteVideo: boolean };

export type StudioStatsQueryVariables = Exact<{
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
  days?: InputMaybe<Scalars['Int']['input']>;
}>;


export type StudioStatsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, followerCount: number, followersPerDay: Array<{ __typename?: 'FollowerDay', day: string, count: number }>, earnings?: { __typename?: 'Earnings', availableJpy: number, pendingJpy: number, lifetimeJpy: number } | null, earningEntries?: { __typename?: 'EarningEntryConnection', edges: Array<{ __typename?: 'EarningEntryEdge', node: { __typename?: 'EarningEntry', id: string, kind: EarningEntryKind, amountJpy: number, createdAt: string } }> } | null, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, viewCount: number, likeCount: number, stats?: Array<{ __typename?: 'VideoDayStats', day: string, views: number, watchSeconds: number, likes: number, comments: number }> | null } }> } } };

export type StudioEarningsQueryVariables = Exact<{ [key: string]: never; }>;


export type StudioEarningsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, payoutAccount?: { __typename?: 'PayoutAccount', status: PayoutAccountStatus } | null, earnings?: { __typename?: 'Earnings', availableJpy: number, pendingJpy: number, lifetimeJpy: number } | null, earningEntries?: { __typename?: 'EarningEntryConnection', edges: Array<{ __typename?: 'EarningEntryEdge', node: { __typename?: 'EarningEntry', id: string, kind: EarningEntryKind, amountJpy: number, createdAt: string, availableAt: string, tipId?: string | null, withdrawalId?: string | null } }> } | null, withdrawals?: { __typename?: 'WithdrawalConnection', edges: Array<{ __typename?: 'WithdrawalEdge', node: { __typename?: 'Withdrawal', id: string, amountJpy: number, status: WithdrawalStatus, createdAt: string, decidedAt?: string | null } }> } | null } };

export type StudioConnectPayoutAccountMutationVariables = Exact<{ [key: string]: never; }>;


export type StudioConnectPayoutAccountMutation = { __typename?: 'Mutation', connectPayoutAccount: { __typename?: 'PayoutOnboarding', url: string } };

export type StudioRequestWithdrawalMutationVariables = Exact<{
  amountJpy: Scalars['Int']['input'];
}>;


export type StudioRequestWithdrawalMutation = { __typename?: 'Mutation', requestWithdrawal: { __typename?: 'Withdrawal', id: string, amountJpy: number, status: WithdrawalStatus, createdAt: string } };

export type StudioStreamFragment = { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null };

export type StudioLiveStreamsQueryVariables = Exact<{ [key: string]: never; }>;


export type StudioLiveStreamsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, liveStreams: { __typename?: 'LiveStreamConnection', edges: Array<{ __typename?: 'LiveStreamEdge', node: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null } }> } } };

export type StudioLiveStreamQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioLiveStreamQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, playback?: { __typename?: 'LivePlayback', hlsUrl: string } | null, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null } | null };

export type StudioCreateLiveStreamMutationVariables = Exact<{
  input: CreateLiveStreamInput;
}>;


export type StudioCreateLiveStreamMutation = { __typename?: 'Mutation', createLiveStream: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null } };

export type StudioRotateStreamKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioRotateStreamKeyMutation = { __typename?: 'Mutation', rotateStreamKey: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null } };

export type StudioEndLiveStreamMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioEndLiveStreamMutation = { __typename?: 'Mutation', endLiveStream: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, scheduledAt?: string | null, startedAt?: string | null, endedAt?: string | null, chatSlowModeSeconds: number, peakViewerCount: number, viewerCount: number, createdAt: string, ingest?: { __typename?: 'LiveStreamIngest', rtmpUrl: string, streamKey?: string | null, streamKeyHint?: string | null } | null, recording?: { __typename?: 'Recording', id: string, status: RecordingStatus } | null } };

export type StudioSetSlowModeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  seconds: Scalars['Int']['input'];
}>;


export type StudioSetSlowModeMutation = { __typename?: 'Mutation', setSlowMode: { __typename?: 'LiveStream', id: string, chatSlowModeSeconds: number } };

export type StudioChatQueryVariables = Exact<{
  streamId: Scalars['ID']['input'];
}>;


export type StudioChatQuery = { __typename?: 'Query', chatMessages: { __typename?: 'ChatMessageConnection', edges: Array<{ __typename?: 'ChatMessageEdge', node: { __typename?: 'ChatMessage', id: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string } } }> } };

export type StudioChatAddedSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
  since?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type StudioChatAddedSubscription = { __typename?: 'Subscription', chatMessageAdded: { __typename?: 'ChatMessage', id: string, body: string, kind: ChatMessageKind, tipAmountJpy?: number | null, createdAt: string, author: { __typename?: 'User', id: string, handle: string, displayName: string } } };

export type StudioChatDeletedSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
  since?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type StudioChatDeletedSubscription = { __typename?: 'Subscription', chatMessageDeleted: { __typename?: 'ChatMessageDeleted', messageId: string } };

export type StudioViewerCountSubscriptionVariables = Exact<{
  streamId: Scalars['ID']['input'];
}>;


export type StudioViewerCountSubscription = { __typename?: 'Subscription', viewerCountChanged: number };

export type StudioDeleteChatMessageMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioDeleteChatMessageMutation = { __typename?: 'Mutation', deleteChatMessage: boolean };

export type StudioBanFromChatMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
  seconds: Scalars['Int']['input'];
}>;


export type StudioBanFromChatMutation = { __typename?: 'Mutation', banFromChat: string };

export type StudioAppointModeratorMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
}>;


export type StudioAppointModeratorMutation = { __typename?: 'Mutation', appointModerator: boolean };

export type StudioUnbanFromChatMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
}>;


export type StudioUnbanFromChatMutation = { __typename?: 'Mutation', unbanFromChat: boolean };

export type StudioRemoveModeratorMutationVariables = Exact<{
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
}>;


export type StudioRemoveModeratorMutation = { __typename?: 'Mutation', removeModerator: boolean };

export type StudioVideoCommentsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioVideoCommentsQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, title: string, comments?: { __typename?: 'CommentConnection', edges: Array<{ __typename?: 'CommentEdge', node: { __typename?: 'Comment', id: string, body?: string | null, deleted: boolean, createdAt: string, replyCount: number, author?: { __typename?: 'User', id: string, handle: string, displayName: string } | null } }> } | null } | null };

export type StudioAddCommentMutationVariables = Exact<{
  input: AddCommentInput;
}>;


export type StudioAddCommentMutation = { __typename?: 'Mutation', addComment: { __typename?: 'Comment', id: string } };

export type StudioDeleteCommentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StudioDeleteCommentMutation = { __typename?: 'Mutation', deleteComment: boolean };

export type VideoCardFragment = { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } };

export type LiveCardFragment = { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, viewerCount: number, startedAt?: string | null, scheduledAt?: string | null, requiredPlan: PlanTier, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } };

export type HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeQuery = { __typename?: 'Query', homeFeed: { __typename?: 'HomeFeedConnection', edges: Array<{ __typename?: 'HomeFeedEdge', node: { __typename: 'LiveStream' } | { __typename: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> }, liveStreams: { __typename?: 'LiveStreamConnection', edges: Array<{ __typename?: 'LiveStreamEdge', node: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, viewerCount: number, startedAt?: string | null, scheduledAt?: string | null, requiredPlan: PlanTier, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> }, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> }, shorts: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> } };

export type NewestVideosQueryVariables = Exact<{
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<VideoKind>;
}>;


export type NewestVideosQuery = { __typename?: 'Query', videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', description: string, likeCount: number, viewerHasLiked: boolean, commentCount: number, id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, playback?: { __typename?: 'Playback', hlsUrl: string, expiresAt: string } | null, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type WatchPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WatchPageQuery = { __typename?: 'Query', video?: { __typename?: 'Video', description: string, tags: Array<string>, status: VideoStatus, visibility: VideoVisibility, takenDownAt?: string | null, takedownReason?: string | null, likeCount: number, viewerHasLiked: boolean, commentCount: number, createdAt: string, id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, renditions: Array<{ __typename?: 'Rendition', height: number, width: number, bandwidth: number }>, storyboard?: { __typename?: 'Storyboard', imageUrl: string, vttUrl: string } | null, viewerProgress?: { __typename?: 'ViewerProgress', positionSeconds: number, completed: boolean } | null, playback?: { __typename?: 'Playback', hlsUrl: string, expiresAt: string, complete: boolean } | null, owner: { __typename?: 'User', id: string, bio: string, followerCount: number, viewerIsFollowing: boolean, handle: string, displayName: string, avatarUrl?: string | null } } | null };

export type VideoPlaybackQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type VideoPlaybackQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, playback?: { __typename?: 'Playback', hlsUrl: string, expiresAt: string } | null } | null };

export type RelatedVideosQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  handle: Scalars['String']['input'];
}>;


export type RelatedVideosQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, related: { __typename?: 'VideoFeedConnection', edges: Array<{ __typename?: 'VideoFeedEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> } } | null, user?: { __typename?: 'User', id: string, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> } } | null, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, kind: VideoKind, durationSeconds?: number | null, publishedAt?: string | null, thumbnailUrl?: string | null, viewCount: number, requiredPlan: PlanTier, audience: Audience, owner: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } } }> } };

export type CommentItemFragment = { __typename?: 'Comment', id: string, body?: string | null, createdAt: string, deleted: boolean, parentId?: string | null, replyCount: number, author?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null };

export type VideoCommentsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  sort?: CommentSort;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type VideoCommentsQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, commentCount: number, comments?: { __typename?: 'CommentConnection', edges: Array<{ __typename?: 'CommentEdge', node: { __typename?: 'Comment', id: string, body?: string | null, createdAt: string, deleted: boolean, parentId?: string | null, replyCount: number, replies: { __typename?: 'CommentConnection', edges: Array<{ __typename?: 'CommentEdge', node: { __typename?: 'Comment', id: string, body?: string | null, createdAt: string, deleted: boolean, parentId?: string | null, replyCount: number, author?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } }, author?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null } | null };

export type AddCommentMutationVariables = Exact<{
  input: AddCommentInput;
}>;


export type AddCommentMutation = { __typename?: 'Mutation', addComment: { __typename?: 'Comment', id: string, body?: string | null, createdAt: string, deleted: boolean, parentId?: string | null, replyCount: number, author?: { __typename?: 'User', id: string, handle: string, displayName: string, avatarUrl?: string | null } | null } };

export type DeleteCommentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteCommentMutation = { __typename?: 'Mutation', deleteComment: boolean };

export type LikeVideoMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LikeVideoMutation = { __typename?: 'Mutation', likeVideo: { __typename?: 'Video', id: string, likeCount: number, viewerHasLiked: boolean } };

export type UnlikeVideoMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UnlikeVideoMutation = { __typename?: 'Mutation', unlikeVideo: { __typename?: 'Video', id: string, likeCount: number, viewerHasLiked: boolean } };

export type RecordViewMutationVariables = Exact<{
  input: RecordViewInput;
}>;


export type RecordViewMutation = { __typename?: 'Mutation', recordView: boolean };

export type FollowUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type FollowUserMutation = { __typename?: 'Mutation', followUser: { __typename?: 'User', id: string, followerCount: number, viewerIsFollowing: boolean } };

export type UnfollowUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnfollowUserMutation = { __typename?: 'Mutation', unfollowUser: { __typename?: 'User', id: string, followerCount: number, viewerIsFollowing: boolean } };

export type SendTipMutationVariables = Exact<{
  input: SendTipInput;
}>;


export type SendTipMutation = { __typename?: 'Mutation', sendTip: { __typename?: 'Tip', id: string, status: TipStatus, amountJpy: number, checkoutUrl?: string | null } };

export const SessionUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<SessionUserFragment, unknown>;
export const TitleCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TitleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Title"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"titleKind"},"name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"synopsis"}},{"kind":"Field","name":{"kind":"Name","value":"releaseYear"}},{"kind":"Field","name":{"kind":"Name","value":"maturityRating"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}}]}}]} as unknown as DocumentNode<TitleCardFragment, unknown>;
export const ChatLineFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatLine"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<ChatLineFragment, unknown>;
export const NotificationItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<NotificationItemFragment, unknown>;
export const PlaylistSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<PlaylistSummaryFragment, unknown>;
export const StudioVideoRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioVideoRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]} as unknown as DocumentNode<StudioVideoRowFragment, unknown>;
export const StudioUploadTargetFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioUploadTarget"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadTarget"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"headers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"partSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}}]}}]}}]} as unknown as DocumentNode<StudioUploadTargetFragment, unknown>;
export const StudioStreamFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioStreamFragment, unknown>;
export const VideoCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<VideoCardFragment, unknown>;
export const LiveCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<LiveCardFragment, unknown>;
export const CommentItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<CommentItemFragment, unknown>;
export const SignInDocument = {"__meta__":{"hash":"a65cb1fb09ac7c897406ef6f94a44d0e679bfc1a72cddeff221de3ad1b2a62fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = {"__meta__":{"hash":"002bc9ad5eeb226dc95c312a1d9e6a1b072c5f4a788c7cb9843cf0f4d8b4083c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const RefreshSessionDocument = {"__meta__":{"hash":"93cb798a9bd63d7045ca9a44868f32c426010211bc323716d97684ee61ee0603"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {"__meta__":{"hash":"fb7011d07bd123568d1eab461b81eccfe9ccd42d6b2de8f87af0cba6dd550749"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"8243f7c4d409135c354397414f7344972666f69eb96ffa056f2b76748e541aec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ViewerDocument = {"__meta__":{"hash":"f008ad55d9cea3b5a1610846b701509e154768c827ee6b8a6c7b5cea966ade8b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const AccountPageDocument = {"__meta__":{"hash":"d84017ac8f1b3e5c23e46982bab2f362af84e83b466829481fc18fa595988b18"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"planTier"}},{"kind":"Field","name":{"kind":"Name","value":"subscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceJpy"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"notificationSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"inApp"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"push"}}]}},{"kind":"Field","name":{"kind":"Name","value":"watchHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positionSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"watchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceJpy"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"adultsOnly"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<AccountPageQuery, AccountPageQueryVariables>;
export const MyPlanDocument = {"__meta__":{"hash":"9a8690d3e1037d84ae42f280322b9e6f159e4e2a5def257c997e38954f5ef7cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"planTier"}},{"kind":"Field","name":{"kind":"Name","value":"subscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceJpy"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyPlanQuery, MyPlanQueryVariables>;
export const PlansDocument = {"__meta__":{"hash":"e183065ed4a861d21a8a3d965308367b25c0229e2de6be71bd07da3534143eb5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceJpy"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"adultsOnly"}}]}}]}}]} as unknown as DocumentNode<PlansQuery, PlansQueryVariables>;
export const StartCheckoutDocument = {"__meta__":{"hash":"b1e60e32fe4450c200d39281c3a9c723157836f89b9de7270ff556e91c6bcec1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartCheckout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"planId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"returnUrl"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startCheckout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"planId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"planId"}}},{"kind":"Argument","name":{"kind":"Name","value":"returnUrl"},"value":{"kind":"Variable","name":{"kind":"Name","value":"returnUrl"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<StartCheckoutMutation, StartCheckoutMutationVariables>;
export const CancelSubscriptionDocument = {"__meta__":{"hash":"8f062ec89ff2f60fb52aed48244c8201e59c1044c0b38191abbad1c158e89e35"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelSubscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelSubscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}}]}}]}}]} as unknown as DocumentNode<CancelSubscriptionMutation, CancelSubscriptionMutationVariables>;
export const ResumeSubscriptionDocument = {"__meta__":{"hash":"03dd7088818a42d61675089aa8d27b92d36c69cdb5af1ab8ab56716f2a6023eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeSubscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeSubscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}}]}}]}}]} as unknown as DocumentNode<ResumeSubscriptionMutation, ResumeSubscriptionMutationVariables>;
export const UpdateNotificationSettingsDocument = {"__meta__":{"hash":"775aa1d9c39b65c14ff7edb08b80d7fb2fd00dff721179fd2cba495ffa0a57f3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNotificationSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"inApp"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"push"}}]}}]}}]} as unknown as DocumentNode<UpdateNotificationSettingsMutation, UpdateNotificationSettingsMutationVariables>;
export const ClearWatchHistoryDocument = {"__meta__":{"hash":"ac4f7e3ff6e5a617e6175d051fbc18372e8928c866cca203f3f286132cd2a10c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClearWatchHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearWatchHistory"}}]}}]} as unknown as DocumentNode<ClearWatchHistoryMutation, ClearWatchHistoryMutationVariables>;
export const VerifyEmailDocument = {"__meta__":{"hash":"e181c0252bb83738f80e73ba6d552f4d74094330efb9de5c162ff275473d84d9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const RequestPasswordResetDocument = {"__meta__":{"hash":"5ac89982dc149995bab85b93caab9976bbc3fd5994fbf4173153f8686dba9d72"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const RequestSignInLinkDocument = {"__meta__":{"hash":"7c2075e086d85475aa51a1bce6dd93596bf5569e3827bb41e811d15b62b1ac6a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestSignInLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSignInLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}]}}]} as unknown as DocumentNode<RequestSignInLinkMutation, RequestSignInLinkMutationVariables>;
export const SignInWithLinkDocument = {"__meta__":{"hash":"948964ad9ca03fd60c755bcd4583429543134125e2e442a4e840aa823cd02e14"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignInWithLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signInWithLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]} as unknown as DocumentNode<SignInWithLinkMutation, SignInWithLinkMutationVariables>;
export const ResetPasswordDocument = {"__meta__":{"hash":"5c8ccf52fa6849e6130938f2b7f0898c8a9872b780ff44f891c84b38dd96fc24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResetPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const UpdateProfileDocument = {"__meta__":{"hash":"2ad02e8b1a238ad89c61c641035c563a25b646cd4904a27646cd20c1c93cdbb3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}}]}}]}}]} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const BrowseDocument = {"__meta__":{"hash":"9038a265aaed7181d0e9ee8161dfded3936271dd3923027863f41009c67c7ef1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Browse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TitleKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"titles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"48"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TitleCard"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TitleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Title"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"titleKind"},"name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"synopsis"}},{"kind":"Field","name":{"kind":"Name","value":"releaseYear"}},{"kind":"Field","name":{"kind":"Name","value":"maturityRating"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}}]}}]} as unknown as DocumentNode<BrowseQuery, BrowseQueryVariables>;
export const TitlePageDocument = {"__meta__":{"hash":"2ba645f51908dbde4976d98ea064b51f1f49530e399f7b9bd3b87ace06cc1178"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TitlePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewerTerritory"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TitleCard"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"playable"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"availableFrom"}},{"kind":"Field","name":{"kind":"Name","value":"availableUntil"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}}]}},{"kind":"Field","name":{"kind":"Name","value":"seasons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"episodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"13"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}}]}}]}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TitleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Title"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"titleKind"},"name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"synopsis"}},{"kind":"Field","name":{"kind":"Name","value":"releaseYear"}},{"kind":"Field","name":{"kind":"Name","value":"maturityRating"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}}]}}]} as unknown as DocumentNode<TitlePageQuery, TitlePageQueryVariables>;
export const ChannelPageDocument = {"__meta__":{"hash":"62221476e52c05634fb2604e0a13b573bbe76dbb40227dbb8b110e3d0bfceea2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChannelPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"handle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"handle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"handle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followingCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"48"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveStreams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCard"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"playlists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<ChannelPageQuery, ChannelPageQueryVariables>;
export const LivePageDocument = {"__meta__":{"hash":"dda63517ce4259e8eb8c637e567609141891ae1e1ecbaf4c504f6052a8a758c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LivePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCard"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chatMessages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatLine"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatLine"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<LivePageQuery, LivePageQueryVariables>;
export const LivePlaybackDocument = {"__meta__":{"hash":"cbbe36fcc60c10ef27e331e1bb6b7b6edcc1e5d5bb61138e050fc220d5714bbe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LivePlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<LivePlaybackQuery, LivePlaybackQueryVariables>;
export const ChatMessageAddedDocument = {"__meta__":{"hash":"2d6f7c6b36b3a3138f4b4f941531bdf2edc4a17eff606fcee2af40b4431ff276"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ChatMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatLine"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatLine"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<ChatMessageAddedSubscription, ChatMessageAddedSubscriptionVariables>;
export const ChatMessageDeletedDocument = {"__meta__":{"hash":"8fae313368e7fd9d0ad249932c426d03d3b4c2c835a9bd202e1a83521d677ecf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ChatMessageDeleted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatMessageDeleted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageId"}}]}}]}}]} as unknown as DocumentNode<ChatMessageDeletedSubscription, ChatMessageDeletedSubscriptionVariables>;
export const ViewerCountChangedDocument = {"__meta__":{"hash":"2baa25c513ed5ecfedc0857121a8b91fdbea6b0cc26b4b5f7266d6d109dbd7e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ViewerCountChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewerCountChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}]}]}}]} as unknown as DocumentNode<ViewerCountChangedSubscription, ViewerCountChangedSubscriptionVariables>;
export const SendChatMessageDocument = {"__meta__":{"hash":"2256caec765e51712897dcfbaed8521dc8947a08aed65c6c4d624b8f7363f0c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendChatMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendChatMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatLine"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatLine"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<SendChatMessageMutation, SendChatMessageMutationVariables>;
export const DeleteChatMessageDocument = {"__meta__":{"hash":"3fbdb0ac1141d94ea0dda29bd218757dc4a2aa7e4f214956075d56f39f63de0c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteChatMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteChatMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteChatMessageMutation, DeleteChatMessageMutationVariables>;
export const BanFromChatDocument = {"__meta__":{"hash":"406a31ab9d502f83a4e2170f32d7dbb9690f33b5a4b20db4f5897673e971007f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BanFromChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"durationSeconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"banFromChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"durationSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"durationSeconds"}}}]}]}}]} as unknown as DocumentNode<BanFromChatMutation, BanFromChatMutationVariables>;
export const SetSlowModeDocument = {"__meta__":{"hash":"9d5268392f190751f0ea96fa7931f909769f53d870ab5c430eda8bd30c5eed48"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetSlowMode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSlowMode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"seconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}}]}}]}}]} as unknown as DocumentNode<SetSlowModeMutation, SetSlowModeMutationVariables>;
export const NotificationsDocument = {"__meta__":{"hash":"2ea1e3efb697d3ed913cda0dc28b623d35f1ed6215d666091eaf1f0aa0d31888"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationItem"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const NotificationAddedDocument = {"__meta__":{"hash":"9dc3c3a9a4b1b748d439150871ba6cb1a81a89a17067bce91fe135e8de150a11"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const MarkNotificationsReadDocument = {"__meta__":{"hash":"7d103dd3f89d2a2030d63eeed88004c1a6da3bafa3b39cbe215a64a79b1d2b01"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const MyPlaylistsDocument = {"__meta__":{"hash":"a155c021549713c7310784872709b99626b52bf92bc073632912a5a521c6d92e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPlaylists"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"watchLater"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"playlists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<MyPlaylistsQuery, MyPlaylistsQueryVariables>;
export const PlaylistPageDocument = {"__meta__":{"hash":"aaf49453129de51216a60bd03455790091310c86ce017cce497534a3ef2a0e25"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlaylistPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"playlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<PlaylistPageQuery, PlaylistPageQueryVariables>;
export const CreatePlaylistDocument = {"__meta__":{"hash":"ba78804a602024ff4d6e594f02092ea714cdbd7551e69ba68517b84df42f3e06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePlaylist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePlaylistInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPlaylist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<CreatePlaylistMutation, CreatePlaylistMutationVariables>;
export const AddToPlaylistDocument = {"__meta__":{"hash":"8a600d3bf656656cabc0bcdbbba6fe87eb046d03bf1127aadbf28c86914a81d3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToPlaylist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"playlistId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToPlaylist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"playlistId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"playlistId"}}},{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<AddToPlaylistMutation, AddToPlaylistMutationVariables>;
export const RemoveFromPlaylistDocument = {"__meta__":{"hash":"c1f5660c7a0d4d84179cd3c8f10385f92cba4bd6f5af99213da983bcb154887b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveFromPlaylist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"playlistId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeFromPlaylist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"playlistId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"playlistId"}}},{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlaylistSummary"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlaylistSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Playlist"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"isWatchLater"}}]}}]} as unknown as DocumentNode<RemoveFromPlaylistMutation, RemoveFromPlaylistMutationVariables>;
export const RegisterPushDeviceDocument = {"__meta__":{"hash":"da0196c04300e1ffcacf7fc782789e4a2dbb8a61a12fd45363c32d27d8612e9b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterPushDevice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterPushDeviceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerPushDevice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platform"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}}]}}]}}]} as unknown as DocumentNode<RegisterPushDeviceMutation, RegisterPushDeviceMutationVariables>;
export const UnregisterPushDeviceDocument = {"__meta__":{"hash":"e4984a01e287e5fd74757584beb6c1858d46123380638190ff062a4b720abfab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnregisterPushDevice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unregisterPushDevice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<UnregisterPushDeviceMutation, UnregisterPushDeviceMutationVariables>;
export const SearchDocument = {"__meta__":{"hash":"659a1144ac1c2a6360c434c374526af6d78e326f69762b293aaf2a02f1f8643a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"24"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCard"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Title"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TitleCard"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TitleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Title"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"titleKind"},"name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"synopsis"}},{"kind":"Field","name":{"kind":"Name","value":"releaseYear"}},{"kind":"Field","name":{"kind":"Name","value":"maturityRating"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const StudioMeDocument = {"__meta__":{"hash":"1a392498137136284fba204c9be23c63aec33dccf51e50657ca873c5692a4f3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}}]}}]}}]} as unknown as DocumentNode<StudioMeQuery, StudioMeQueryVariables>;
export const StudioVideosDocument = {"__meta__":{"hash":"3ed8d3d5f9111c5742774fa3ceffc33dac5765ce77ad8eed26733e20efe86d9e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioVideoRow"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioVideoRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]} as unknown as DocumentNode<StudioVideosQuery, StudioVideosQueryVariables>;
export const StudioVideoDocument = {"__meta__":{"hash":"e71e4fb0ef71b3189c99fdf421929d5931d2e7d3ce7160ecb43bcf148218c32d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioVideoRow"}},{"kind":"Field","name":{"kind":"Name","value":"takenDownAt"}},{"kind":"Field","name":{"kind":"Name","value":"takedownReason"}},{"kind":"Field","name":{"kind":"Name","value":"storyboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"vttUrl"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioVideoRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]} as unknown as DocumentNode<StudioVideoQuery, StudioVideoQueryVariables>;
export const StudioSetThumbnailDocument = {"__meta__":{"hash":"f8f6fe66e4dcce5f20600ada484aec5bca42b412aa482e7d1371dae12e4b150d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioSetThumbnail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"atSeconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setThumbnail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"atSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"atSeconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}}]}}]}}]} as unknown as DocumentNode<StudioSetThumbnailMutation, StudioSetThumbnailMutationVariables>;
export const StudioCreateUploadDocument = {"__meta__":{"hash":"c8ab9fdb6240eb0b2244940189805b9d776bccf24e6ff469c1faef0b48d65b71"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioCreateUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"upload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioUploadTarget"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioUploadTarget"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadTarget"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"headers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"partSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}}]}}]}}]} as unknown as DocumentNode<StudioCreateUploadMutation, StudioCreateUploadMutationVariables>;
export const StudioResumeUploadDocument = {"__meta__":{"hash":"a6678957c59ecdffbe650799a22331d639e1638587fa2f19b98db7d303e9da13"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioResumeUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioUploadTarget"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioUploadTarget"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadTarget"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"headers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"partSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}}]}}]}}]} as unknown as DocumentNode<StudioResumeUploadMutation, StudioResumeUploadMutationVariables>;
export const StudioCompleteUploadDocument = {"__meta__":{"hash":"efdf1c94923deb4218707b6a5caca70549795abcac76ffa4c3a4e8c617e31430"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioCompleteUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<StudioCompleteUploadMutation, StudioCompleteUploadMutationVariables>;
export const StudioVideoProcessingDocument = {"__meta__":{"hash":"c1f03bc8cabf25b1b7b1e90879986e2a15155eb07edc4178b9442934a1caa4e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StudioVideoProcessing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videoProcessing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videoId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}}]}}]}}]} as unknown as DocumentNode<StudioVideoProcessingSubscription, StudioVideoProcessingSubscriptionVariables>;
export const StudioUpdateVideoDocument = {"__meta__":{"hash":"0f561e7f2feba7e152a3c0738f285d879dc9d1bef73160087ef0a97fc3b2b4f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioUpdateVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateVideoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioVideoRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioVideoRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]} as unknown as DocumentNode<StudioUpdateVideoMutation, StudioUpdateVideoMutationVariables>;
export const StudioPublishVideoDocument = {"__meta__":{"hash":"53e2b7bdb9b436c1b8ccd6e23896afa8ef241f04b5fc4daacabdde82777a37eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioPublishVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"at"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"Variable","name":{"kind":"Name","value":"at"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioVideoRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioVideoRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]} as unknown as DocumentNode<StudioPublishVideoMutation, StudioPublishVideoMutationVariables>;
export const StudioDeleteVideoDocument = {"__meta__":{"hash":"385b8d08a433c134e6bc4dac99e58a335f88a9497fdd484a9d65d4d93944b2d2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioDeleteVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<StudioDeleteVideoMutation, StudioDeleteVideoMutationVariables>;
export const StudioStatsDocument = {"__meta__":{"hash":"97379314e996695e112fc319b827fda06317fca8e1d1c716758a01367d23536a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"days"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"28"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followersPerDay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"Variable","name":{"kind":"Name","value":"days"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableJpy"}},{"kind":"Field","name":{"kind":"Name","value":"pendingJpy"}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeJpy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earningEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"views"}},{"kind":"Field","name":{"kind":"Name","value":"watchSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"comments"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StudioStatsQuery, StudioStatsQueryVariables>;
export const StudioEarningsDocument = {"__meta__":{"hash":"36afcfd2c100edf4ce1400b6bf49fdd52b8cd99f6ec1dbcaa7ba714690114c6c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioEarnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"payoutAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableJpy"}},{"kind":"Field","name":{"kind":"Name","value":"pendingJpy"}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeJpy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"earningEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableAt"}},{"kind":"Field","name":{"kind":"Name","value":"tipId"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawalId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"withdrawals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StudioEarningsQuery, StudioEarningsQueryVariables>;
export const StudioConnectPayoutAccountDocument = {"__meta__":{"hash":"eee97cc66e5ea21f5128e6dca7509c42c45636322aa145281d85eeacb553565f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioConnectPayoutAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectPayoutAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<StudioConnectPayoutAccountMutation, StudioConnectPayoutAccountMutationVariables>;
export const StudioRequestWithdrawalDocument = {"__meta__":{"hash":"04b992ca9ee76e6c7f08f51dc9840dc3c72fff3f62d31783b7f396ce2d47baae"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioRequestWithdrawal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amountJpy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestWithdrawal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"amountJpy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amountJpy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<StudioRequestWithdrawalMutation, StudioRequestWithdrawalMutationVariables>;
export const StudioLiveStreamsDocument = {"__meta__":{"hash":"9375d8a64c3856aba3e023e24a9e691d0694aebf6e9dedb85e38af789a063b48"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioLiveStreams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"liveStreams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioStream"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioLiveStreamsQuery, StudioLiveStreamsQueryVariables>;
export const StudioLiveStreamDocument = {"__meta__":{"hash":"8f199618998e2c477f072a9a66ad26813fcdcde28aefc9d1d65dc8c25d29f1b4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioStream"}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioLiveStreamQuery, StudioLiveStreamQueryVariables>;
export const StudioCreateLiveStreamDocument = {"__meta__":{"hash":"4cb9a8812cef0d18deb735832f293c7d4d8f90f7d864ae42c324afabc81fdee5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioCreateLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateLiveStreamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioStream"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioCreateLiveStreamMutation, StudioCreateLiveStreamMutationVariables>;
export const StudioRotateStreamKeyDocument = {"__meta__":{"hash":"913c7fd460269f7bde40e9ba8387a4c81b1e7bfd6d1bcbd898777c7638dd86d5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioRotateStreamKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateStreamKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioStream"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioRotateStreamKeyMutation, StudioRotateStreamKeyMutationVariables>;
export const StudioEndLiveStreamDocument = {"__meta__":{"hash":"2311f181e84f5a062af8b11b341275f95e5edfa1ede0de070c5c60bb1a79999d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioEndLiveStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endLiveStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StudioStream"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StudioStream"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"peakViewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ingest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rtmpUrl"}},{"kind":"Field","name":{"kind":"Name","value":"streamKey"}},{"kind":"Field","name":{"kind":"Name","value":"streamKeyHint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StudioEndLiveStreamMutation, StudioEndLiveStreamMutationVariables>;
export const StudioSetSlowModeDocument = {"__meta__":{"hash":"cd67bc661b66bfcc8393e46e10c512bf108ca7ed7ab556fe2c800711f30cafa0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioSetSlowMode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSlowMode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"seconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chatSlowModeSeconds"}}]}}]}}]} as unknown as DocumentNode<StudioSetSlowModeMutation, StudioSetSlowModeMutationVariables>;
export const StudioChatDocument = {"__meta__":{"hash":"b3fd15f4eb057c55ffe4201e2c0afd9f19ed33d1f77cbf86a82b72219c4f2670"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatMessages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StudioChatQuery, StudioChatQueryVariables>;
export const StudioChatAddedDocument = {"__meta__":{"hash":"469b9ea353f7aaafef7aa60ce41a784af9db984c758bbf329b989c2065dfcecc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StudioChatAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tipAmountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<StudioChatAddedSubscription, StudioChatAddedSubscriptionVariables>;
export const StudioChatDeletedDocument = {"__meta__":{"hash":"22187aec3d57a331804a8e980aba1553f06f44e312e7ebdfaf71ceb40a21b8d6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StudioChatDeleted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatMessageDeleted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageId"}}]}}]}}]} as unknown as DocumentNode<StudioChatDeletedSubscription, StudioChatDeletedSubscriptionVariables>;
export const StudioViewerCountDocument = {"__meta__":{"hash":"d3efd13e317c61de5d495aab2e1ae36b012b0a7668724040403e6cf32ffcbf31"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"StudioViewerCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewerCountChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}}]}]}}]} as unknown as DocumentNode<StudioViewerCountSubscription, StudioViewerCountSubscriptionVariables>;
export const StudioDeleteChatMessageDocument = {"__meta__":{"hash":"ee3fed91a44bb184388980868cb8bde6c15df540b009307eaf58723dd0ba7d7d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioDeleteChatMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteChatMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<StudioDeleteChatMessageMutation, StudioDeleteChatMessageMutationVariables>;
export const StudioBanFromChatDocument = {"__meta__":{"hash":"ea4af66c4ed5ac776966cfa85be676e49aa6c8505e2d7ade148b6e195c67d9fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioBanFromChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"banFromChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"durationSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seconds"}}}]}]}}]} as unknown as DocumentNode<StudioBanFromChatMutation, StudioBanFromChatMutationVariables>;
export const StudioAppointModeratorDocument = {"__meta__":{"hash":"469c4a871771be939c7b90ff1d854e9efec607962c031c338379208c4564d209"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioAppointModerator"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointModerator"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<StudioAppointModeratorMutation, StudioAppointModeratorMutationVariables>;
export const StudioUnbanFromChatDocument = {"__meta__":{"hash":"17d253e2be921d3b73f816624a14a4c841e275e80d1604a161123b8da8c268ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioUnbanFromChat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbanFromChat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<StudioUnbanFromChatMutation, StudioUnbanFromChatMutationVariables>;
export const StudioRemoveModeratorDocument = {"__meta__":{"hash":"a5212013e552c5b41b06065d476e5ad98d09e566425a00f013f25e93838a8ed3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioRemoveModerator"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeModerator"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<StudioRemoveModeratorMutation, StudioRemoveModeratorMutationVariables>;
export const StudioVideoCommentsDocument = {"__meta__":{"hash":"0ecfcbd2289f0f300db6e5719cb09bf93838bc93779b75a9ed7418a2f1d2057b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudioVideoComments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"EnumValue","value":"NEWEST"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StudioVideoCommentsQuery, StudioVideoCommentsQueryVariables>;
export const StudioAddCommentDocument = {"__meta__":{"hash":"1176181b4f392b0c2354da36d7d1559f0402740f2ae06f43d527ae5ed99bec2a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioAddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddCommentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<StudioAddCommentMutation, StudioAddCommentMutationVariables>;
export const StudioDeleteCommentDocument = {"__meta__":{"hash":"1ac89cab073ca68a31741798537f9d04eb9f28fad7422091484b989e6c09eee4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StudioDeleteComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<StudioDeleteCommentMutation, StudioDeleteCommentMutationVariables>;
export const HomeDocument = {"__meta__":{"hash":"4b74d6ac07336172b5ea9b7c824d8de20839453c60378ba40e9a43aafb02582a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Home"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"homeFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"24"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"liveStreams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCard"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"24"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"VIDEO"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"shorts"},"name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"SHORT"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LiveStream"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCount"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<HomeQuery, HomeQueryVariables>;
export const NewestVideosDocument = {"__meta__":{"hash":"fc4dce236223e518ac9996524f28cd5fe01aded3bf7aeab41a4236cb1a174948"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewestVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"24"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VideoKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<NewestVideosQuery, NewestVideosQueryVariables>;
export const WatchPageDocument = {"__meta__":{"hash":"39cb8d2189e9f21da332acbebf3fef3b17b59312b75c3614200d396386ccfa7b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WatchPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"takenDownAt"}},{"kind":"Field","name":{"kind":"Name","value":"takedownReason"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"renditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidth"}}]}},{"kind":"Field","name":{"kind":"Name","value":"storyboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"vttUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerProgress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positionSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<WatchPageQuery, WatchPageQueryVariables>;
export const VideoPlaybackDocument = {"__meta__":{"hash":"26b099b04acb62e9f01ab20690a6a9875f8bd3e7fbea6ae36ed3690fb7e65efd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VideoPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"playback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hlsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<VideoPlaybackQuery, VideoPlaybackQueryVariables>;
export const RelatedVideosDocument = {"__meta__":{"hash":"a5072bf9cf71bfc769c070c0b6599b23a430860c879fe89461c998478f1cfc9d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RelatedVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"handle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"related"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"handle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"handle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"VIDEO"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VideoCard"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VideoCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPlan"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<RelatedVideosQuery, RelatedVideosQueryVariables>;
export const VideoCommentsDocument = {"__meta__":{"hash":"cf78f6164fd2a0d84548ad28dca72502a12f7e1a6e806cf28956aec27a979baf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VideoComments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CommentSort"}}},"defaultValue":{"kind":"EnumValue","value":"NEWEST"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommentItem"}},{"kind":"Field","name":{"kind":"Name","value":"replies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommentItem"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<VideoCommentsQuery, VideoCommentsQueryVariables>;
export const AddCommentDocument = {"__meta__":{"hash":"96fe56e6817c3682d3b854f84035844933f0d6621b7ae50aab833e107ddd56a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddCommentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommentItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"replyCount"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const DeleteCommentDocument = {"__meta__":{"hash":"a6613cd1444329e315b8bcf880c072ee45d1bcda6f93b9f8c6d6e7f6bed263e8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteCommentMutation, DeleteCommentMutationVariables>;
export const LikeVideoDocument = {"__meta__":{"hash":"e484ab50791ce2d69c9ce91ac80a20580a38ecc0e054319e4dbb9a50a62c4244"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LikeVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}}]}}]}}]} as unknown as DocumentNode<LikeVideoMutation, LikeVideoMutationVariables>;
export const UnlikeVideoDocument = {"__meta__":{"hash":"63f8621dc01a1374350edb22b0a4724428c81ee5dd5bfcdf7404b5609ca154a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlikeVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlikeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}}]}}]}}]} as unknown as DocumentNode<UnlikeVideoMutation, UnlikeVideoMutationVariables>;
export const RecordViewDocument = {"__meta__":{"hash":"efb35df23b51857b985fc8923df16a44bb839565088e7322f83209f53e2a209d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordViewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<RecordViewMutation, RecordViewMutationVariables>;
export const FollowUserDocument = {"__meta__":{"hash":"03b815a2596333425fa183e6f58213e526e62b95a0f59cb5a88515769a57ff8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FollowUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}}]}}]}}]} as unknown as DocumentNode<FollowUserMutation, FollowUserMutationVariables>;
export const UnfollowUserDocument = {"__meta__":{"hash":"2d22ae46af38d76a1d7bed42872f51e117c43451574145d69e099ced51e9e5ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfollowUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfollowUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}}]}}]}}]} as unknown as DocumentNode<UnfollowUserMutation, UnfollowUserMutationVariables>;
export const SendTipDocument = {"__meta__":{"hash":"3c39a7fc2db89d35fe6b44385cce7dff637196d60ccbd0a5bc08ed510d63a247"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTip"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendTipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTip"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountJpy"}},{"kind":"Field","name":{"kind":"Name","value":"checkoutUrl"}}]}}]}}]} as unknown as DocumentNode<SendTipMutation, SendTipMutationVariables>;