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

/** Eirin rating: G (all ages), PG12 (guidance under 12), R15 (15 and over), R18 (adults only). */
export type ContentRating =
  | 'G'
  | 'PG12'
  | 'R15'
  | 'R18';

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

/** TIP_CREDIT: a tip, minus the fee. TIP_REVERSAL: a refund or chargeback taking it back. WITHDRAWAL_HOLD: moved out for a withdrawal request. WITHDRAWAL_RELEASED: returned when the request was rejected. (WITHDRAWAL_PAID moves held money and is not an entry of earnings.) */
export type EarningEntryKind =
  | 'TIP_CREDIT'
  | 'TIP_REVERSAL'
  | 'WITHDRAWAL_HOLD'
  | 'WITHDRAWAL_PAID'
  | 'WITHDRAWAL_RELEASED';

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

/** An episode of a season. */
export type Episode = {
  __typename?: 'Episode';
  /** Its running time in seconds. */
  durationSeconds: Scalars['Int']['output'];
  /** The episode id. */
  id: Scalars['ID']['output'];
  /** Its title, up to 200 characters. */
  name: Scalars['String']['output'];
  /** Its place in the season; 0 is a special. */
  number: Scalars['Int']['output'];
  /** The season it belongs to. */
  season: Season;
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

/** A header the upload request must carry. */
export type HttpHeader = {
  __typename?: 'HttpHeader';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Comments on a video you may see, or replies with parentId. Rate-limited per user (RATE_LIMITED). */
  addComment: Comment;
  /** Appends a video (up to 5000); adding one already there changes nothing. */
  addToPlaylist: Playlist;
  /** The streamer appoints a moderator of their chat. */
  appointModerator: Scalars['Boolean']['output'];
  /** ADMIN: marks a pending withdrawal paid. */
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
  /** Makes an API key for your account (from a signed-in session, not with a key). The key is in this answer only. */
  createApiKey: CreateApiKeyPayload;
  /** Starts changing your avatar: PUT the picture (PNG, JPEG, WebP or GIF, at most 5 MB) to the URL, then call completeAvatarUpload. */
  createAvatarUpload: AvatarUpload;
  /** Creates a SCHEDULED stream of the signed-in user; `ingest.streamKey` in this answer is the only time the key can be read. */
  createLiveStream: LiveStream;
  createPlaylist: Playlist;
  /** Creates a video waiting for its file and returns a signed, expiring URL to send the file to. Signed-in users only. */
  createUpload: CreateUploadPayload;
  /** Deletes a chat message: its author or the chat’s moderators. */
  deleteChatMessage: Scalars['Boolean']['output'];
  /** Deletes a comment: your own, or any on your video (ADMINs: any). A comment with replies stays as deleted. */
  deleteComment: Scalars['Boolean']['output'];
  /** Deletes one of your playlists (Watch later stays). */
  deletePlaylist: Scalars['Boolean']['output'];
  /** Deletes a video and its media for good. Its owner or an ADMIN only. */
  deleteVideo: Scalars['Boolean']['output'];
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
  /** Publishes a READY video (BAD_USER_INPUT otherwise). Its owner or an ADMIN only. */
  publishVideo: Video;
  /** A player heartbeat: keeps your place (signed in) and counts a view once per viewer and video every 30 minutes, after 30 s (or half of a shorter video) was watched. The owner's own plays do not count. */
  recordView: Scalars['Boolean']['output'];
  /** Exchanges a refresh token for a new access token and refresh token. Each refresh token works once: presenting a used one ends that session everywhere. */
  refreshSession: AuthPayload;
  /** ADMIN: refuses a pending withdrawal; the amount goes back to available earnings. */
  rejectWithdrawal: Withdrawal;
  /** Takes a video out; the positions after it move up. */
  removeFromPlaylist: Playlist;
  /** The streamer removes a moderator; false when they were none. */
  removeModerator: Scalars['Boolean']['output'];
  /** Emails the signed-in account a link (valid 24 hours) that confirms its address. */
  requestEmailVerification: Scalars['Boolean']['output'];
  /** Emails a password-reset link (valid 30 minutes) if an account has this address. Always answers true, so it tells nobody which addresses have accounts. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Asks to be paid part of your available earnings (at least ¥1,000, at most what is available). The amount is held at once, until an admin pays or rejects the request. */
  requestWithdrawal: Withdrawal;
  /** Sets a new password from a reset link and signs the account out everywhere. */
  resetPassword: Scalars['Boolean']['output'];
  /** Takes back a cancellation before the period ends. */
  resumeSubscription: PlanSubscription;
  /** Revokes one of your keys: it stops working from the next request. */
  revokeApiKey: ApiKey;
  /** Replaces the stream key of your stream: the old key stops working at once; the new one is in `ingest.streamKey` of this answer only. */
  rotateStreamKey: LiveStream;
  /** Says something in a live stream’s chat (signed in; 1–500 characters of plain text; at most 5 messages per 10 s, and one per slow-mode period). */
  sendChatMessage: ChatMessage;
  /** Tips the creator of a video or live stream (¥100–¥50,000, never yourself). Returns a PENDING tip and the checkout URL where you pay; adult content pays through CCBill, the rest through Stripe. The creator is credited once the payment succeeds. */
  sendTip: Tip;
  /** ADMIN: gives a key its own cost budget (a partner's larger quota), or back the default with null. */
  setApiKeyBudget: ApiKey;
  /** One message per user every `seconds` (0 = off, at most 300); moderators are exempt. */
  setSlowMode: LiveStream;
  /** Replaces an account's roles (ADMIN only). Other services see the change when the account's access token is next refreshed (within 10 minutes). */
  setUserRoles: User;
  /** Signs in with email and password. After 5 failures for one email within 15 minutes, attempts are refused with RATE_LIMITED until the window ends. */
  signIn: AuthPayload;
  /** Ends the session the refresh token belongs to. Its access tokens stop working here at once and elsewhere when they expire (at most 10 minutes). */
  signOut: Scalars['Boolean']['output'];
  /** Creates an account and signs it in. */
  signUp: AuthPayload;
  /** Starts paying for a plan. The subscription starts when the provider confirms the payment (its webhook), not when this returns. FREE: BAD_USER_INPUT; adults-only plans: FORBIDDEN under 18; already on a plan: BAD_USER_INPUT. */
  startCheckout: CheckoutStart;
  /** Lifts a ban early; false when none was in force. */
  unbanFromChat: Scalars['Boolean']['output'];
  /** Stops following an account; unfollowing one you do not follow changes nothing. */
  unfollowUser: User;
  /** Takes a like of a comment back; unliking one you do not like changes nothing. */
  unlikeComment: Comment;
  /** Takes a like back; unliking a video you do not like changes nothing. */
  unlikeVideo: Video;
  /** Chooses whether one kind of notification reaches you in the app and by email. */
  updateNotificationSettings: NotificationSetting;
  /** Changes title, description or visibility (not of Watch later). */
  updatePlaylist: Playlist;
  /** Changes your display name and bio. */
  updateProfile: User;
  /** Changes a video's details. Its owner or an ADMIN only. */
  updateVideo: Video;
  /** Confirms an email address with the token from its link. */
  verifyEmail: Scalars['Boolean']['output'];
};


export type MutationAddCommentArgs = {
  input: AddCommentInput;
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


export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
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


export type MutationPublishVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordViewArgs = {
  input: RecordViewInput;
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRejectWithdrawalArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRemoveFromPlaylistArgs = {
  playlistId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationRemoveModeratorArgs = {
  streamId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationRequestWithdrawalArgs = {
  amountJpy: Scalars['Int']['input'];
};


export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
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


export type MutationSetUserRolesArgs = {
  roles: Array<Role>;
  userId: Scalars['ID']['input'];
};


export type MutationSignInArgs = {
  input: SignInInput;
};


export type MutationSignOutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationStartCheckoutArgs = {
  planId: Scalars['ID']['input'];
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
};

/** One kind of notification and how you want it; a field left out stays. */
export type NotificationSettingsInput = {
  email?: InputMaybe<Scalars['Boolean']['input']>;
  inApp?: InputMaybe<Scalars['Boolean']['input']>;
  kind: NotificationKind;
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

export type Query = {
  __typename?: 'Query';
  /** A stream’s chat history, newest last; page back with `before: startCursor`. */
  chatMessages: ChatMessageConnection;
  /** One live stream; null when there is none with this id. */
  liveStream?: Maybe<LiveStream>;
  /** Streams on air (newest first), then upcoming ones with an announced time (soonest first). */
  liveStreams: LiveStreamConnection;
  /** The signed-in account. */
  me: User;
  /** The plans on offer, cheapest first. */
  plans: Array<Plan>;
  /** A playlist: PUBLIC and UNLISTED ones for anyone with the id, PRIVATE ones for their owner; else null. */
  playlist?: Maybe<Playlist>;
  /** Your cost budget as of this request: limit, what this operation cost, what is left, when it is full again. Costs nothing to ask. Null when not asked through the gateway. */
  rateLimit?: Maybe<RateLimit>;
  /** Videos, live streams and catalog titles matching the query, best match first. */
  search: SearchResultConnection;
  /** One title; null when there is none with this id. */
  title?: Maybe<Title>;
  /** Titles in name order (ties broken by id). */
  titles: TitleConnection;
  /** One account by id or by handle (null if none). */
  user?: Maybe<User>;
  /** One video; null when it does not exist or is not yours to see (unpublished or PRIVATE). */
  video?: Maybe<Video>;
  /** Published PUBLIC videos, newest first. */
  videos: VideoConnection;
};


export type QueryChatMessagesArgs = {
  before?: InputMaybe<Scalars['String']['input']>;
  last?: Scalars['Int']['input'];
  streamId: Scalars['ID']['input'];
};


export type QueryLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryPlaylistArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


export type QueryTitleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTitlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TitleFilter>;
  first?: Scalars['Int']['input'];
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

/** A new password chosen from a reset link. */
export type ResetPasswordInput = {
  /** 10 to 128 characters, not a common password. */
  newPassword: Scalars['String']['input'];
  /** The token from the reset link. */
  token: Scalars['String']['input'];
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

/** Something a search finds: a video or short, a live stream, or a catalog title. */
export type SearchResult = LiveStream | Title | Video;

/** Search hits, best match first. */
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
  /** The series it belongs to. */
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
  /** A stream’s new chat messages. Anyone may follow a chat; a user banned from it gets FORBIDDEN and the subscription ends. */
  chatMessageAdded: ChatMessage;
  /** Messages deleted from a stream’s chat. */
  chatMessageDeleted: ChatMessageDeleted;
  /** Your new notifications as they are stored. */
  notificationAdded: Notification;
  /** Security events of the signed-in account as they happen: new sign-ins, password resets, refresh-token reuse. */
  securityAlerts: SecurityAlert;
  /** A video's processing as it happens: its current state, then each percent, until READY or FAILED. Its owner only. */
  videoProcessing: VideoProcessing;
  /** How many are watching a stream now: its current value, then each change, at most once a second. Viewers are subscribers of its chat or count and players that fetched its playlist in the last 30 s (a signed-in user counts once). */
  viewerCountChanged: Scalars['Int']['output'];
};


export type SubscriptionChatMessageAddedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  streamId: Scalars['ID']['input'];
};


export type SubscriptionChatMessageDeletedArgs = {
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

/** A premium series or movie in the catalog. */
export type Title = {
  __typename?: 'Title';
  /** ADULT exactly when rated R18. */
  audience: Audience;
  /** The Eirin rating. */
  contentRating: ContentRating;
  /** When it was added to the catalog. */
  createdAt: Scalars['DateTime']['output'];
  /** The title id. */
  id: Scalars['ID']['output'];
  /** A series or a movie. */
  kind: TitleKind;
  /** The title as shown, up to 200 characters. */
  name: Scalars['String']['output'];
  /** The year of first release, when known. */
  releaseYear?: Maybe<Scalars['Int']['output']>;
  /** The lowest plan tier that may watch it. */
  requiredPlan: PlanTier;
  /** Its seasons in number order. */
  seasons: SeasonConnection;
  /** A short description of the story. */
  synopsis: Scalars['String']['output'];
};


/** A premium series or movie in the catalog. */
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
  kind?: InputMaybe<TitleKind>;
};

/** A series (seasons of episodes) or a movie. */
export type TitleKind =
  | 'MOVIE'
  | 'SERIES';

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
};

/** The fields to change; those left out keep their value. */
export type UpdateVideoInput = {
  audience?: InputMaybe<Audience>;
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
  /** Set for files too big for one request (over 5 GiB on S3): PUT each part to its own URL instead of `url` (which is the first part), then pass every part number with its ETag to completeUpload. */
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
  /** Whether the email address is confirmed; null unless you are this account or an admin. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Videos and live streams of the creators you follow: those on air first, then newest first (only for your own account; null with FORBIDDEN for anyone else). */
  feed?: Maybe<FeedItemConnection>;
  /** How many accounts follow this one. */
  followerCount: Scalars['Int']['output'];
  /** The accounts following this one, newest first. */
  followers: UserConnection;
  /** The accounts this one follows, newest first. */
  following: UserConnection;
  /** How many accounts this one follows. */
  followingCount: Scalars['Int']['output'];
  /** Unique, 3–30 of a-z, 0-9 and _ (stored lower-case). */
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The user's live streams, every status, newest created first. */
  liveStreams: LiveStreamConnection;
  /** How you hear about each kind of notification (only for your own account). */
  notificationSettings: Array<NotificationSetting>;
  /** Your notifications, newest first (only for your own account). */
  notifications: NotificationConnection;
  /** The tier the user is on: FREE without a current subscription. Null, with FORBIDDEN or UNAUTHENTICATED, for anyone but the user and admins. */
  planTier?: Maybe<PlanTier>;
  /** Playlists, newest first: all of yours (Watch later apart), the PUBLIC ones of others. */
  playlists: PlaylistConnection;
  /** What the account may do; public. */
  roles: Array<Role>;
  /** The current (ACTIVE or PAST_DUE) subscription; null on the free plan. Only the user and admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED). */
  subscription?: Maybe<PlanSubscription>;
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
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
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
  /** Signed HLS URLs, valid for a limited time. Null while the video is not READY; null with PAYMENT_REQUIRED (plan) or FORBIDDEN (age, privacy) when the viewer may not play it. */
  playback?: Maybe<Playback>;
  /** When it became (or becomes) visible to others. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The HLS ladder, highest first; empty until READY. */
  renditions: Array<Rendition>;
  /** The lowest plan that may play it. */
  requiredPlan: PlanTier;
  /** Per-day statistics from `from` to `to` (YYYY-MM-DD, UTC, both included, at most 366 days). The owner, ADMINs and ANALYSTs only: null with FORBIDDEN for anyone else. */
  stats?: Maybe<Array<VideoDayStats>>;
  status: VideoStatus;
  /** Seek-preview thumbnails, for viewers who may play the video. */
  storyboard?: Maybe<Storyboard>;
  tags: Array<Scalars['String']['output']>;
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

/** PENDING: the amount is held, waiting for an admin. PAID: approved and paid out. REJECTED: refused; the amount went back to the available balance. */
export type WithdrawalStatus =
  | 'PAID'
  | 'PENDING'
  | 'REJECTED';

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', signIn: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string } } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { __typename?: 'Mutation', signUp: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, user: { __typename?: 'User', id: string, handle: string } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type RefreshSessionMutation = { __typename?: 'Mutation', refreshSession: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string } };

export type SignOutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type SignOutMutation = { __typename?: 'Mutation', signOut: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, handle: string, displayName: string, email?: string | null, roles: Array<Role> } };


export const SignInDocument = {"__meta__":{"hash":"e4bc292750ab45fa09707636cbc1df7ff67658626122e0fe1956589a296674ad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = {"__meta__":{"hash":"99b339c607a1cccea334044ea5822fa27472e2d596ee7c725d55b54b2de8aed4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const RefreshSessionDocument = {"__meta__":{"hash":"24672e35f6863d2b9836680bf5982b3b2a2e43f57a91c5385a6c466f5662780a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {"__meta__":{"hash":"fb7011d07bd123568d1eab461b81eccfe9ccd42d6b2de8f87af0cba6dd550749"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"8243f7c4d409135c354397414f7344972666f69eb96ffa056f2b76748e541aec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;