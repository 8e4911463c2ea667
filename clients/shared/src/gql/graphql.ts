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
};

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

/** How often a plan is billed. */
export type BillingInterval =
  | 'MONTH';

/** Eirin rating: G (all ages), PG12 (guidance under 12), R15 (15 and over), R18 (adults only). */
export type ContentRating =
  | 'G'
  | 'PG12'
  | 'R15'
  | 'R18';

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

/** A live broadcast by one user. */
export type LiveStream = {
  __typename?: 'LiveStream';
  audience: Audience;
  createdAt: Scalars['DateTime']['output'];
  /** Up to 5000 characters; empty when not given. */
  description: Scalars['String']['output'];
  /** When it went off air. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Who broadcasts it. */
  owner: User;
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
  /** People watching now (counted once ingest exists; 0 until then). */
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

/** SCHEDULED: not started yet. LIVE: on air now. ENDED: over (a recording may follow). */
export type LiveStreamStatus =
  | 'ENDED'
  | 'LIVE'
  | 'SCHEDULED';

export type Mutation = {
  __typename?: 'Mutation';
  /** Exchanges a refresh token for a new access token and refresh token. Each refresh token works once: presenting a used one ends that session everywhere. */
  refreshSession: AuthPayload;
  /** Emails the signed-in account a link (valid 24 hours) that confirms its address. */
  requestEmailVerification: Scalars['Boolean']['output'];
  /** Emails a password-reset link (valid 30 minutes) if an account has this address. Always answers true, so it tells nobody which addresses have accounts. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sets a new password from a reset link and signs the account out everywhere. */
  resetPassword: Scalars['Boolean']['output'];
  /** Replaces an account's roles (ADMIN only). Other services see the change when the account's access token is next refreshed (within 10 minutes). */
  setUserRoles: User;
  /** Signs in with email and password. After 5 failures for one email within 15 minutes, attempts are refused with RATE_LIMITED until the window ends. */
  signIn: AuthPayload;
  /** Ends the session the refresh token belongs to. Its access tokens stop working here at once and elsewhere when they expire (at most 10 minutes). */
  signOut: Scalars['Boolean']['output'];
  /** Creates an account and signs it in. */
  signUp: AuthPayload;
  /** Confirms an email address with the token from its link. */
  verifyEmail: Scalars['Boolean']['output'];
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
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


export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
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

export type Query = {
  __typename?: 'Query';
  /** One live stream; null when there is none with this id. */
  liveStream?: Maybe<LiveStream>;
  /** Streams on air (newest first), then upcoming ones with an announced time (soonest first). */
  liveStreams: LiveStreamConnection;
  /** The signed-in account. */
  me: User;
  /** The plans on offer, cheapest first. */
  plans: Array<Plan>;
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


export type QueryLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
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
  | 'CREATOR'
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

export type Subscription = {
  __typename?: 'Subscription';
  /** Security events of the signed-in account as they happen: new sign-ins, password resets, refresh-token reuse. */
  securityAlerts: SecurityAlert;
};

/** ACTIVE: paid up. PAST_DUE: a renewal failed and is being retried; the plan still applies. CANCELED: ended early. EXPIRED: ran to the end of its last period. */
export type SubscriptionStatus =
  | 'ACTIVE'
  | 'CANCELED'
  | 'EXPIRED'
  | 'PAST_DUE';

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

/** An account; its public face is its channel (handle, display name). */
export type User = {
  __typename?: 'User';
  /** Date of birth (YYYY-MM-DD); null unless you are this account or an admin. */
  birthDate?: Maybe<Scalars['String']['output']>;
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The name shown on the channel, 1–50 characters. */
  displayName: Scalars['String']['output'];
  /** The email address; null unless you are this account or an admin. */
  email?: Maybe<Scalars['String']['output']>;
  /** Whether the email address is confirmed; null unless you are this account or an admin. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Unique, 3–30 of a-z, 0-9 and _ (stored lower-case). */
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The user's live streams, every status, newest created first. */
  liveStreams: LiveStreamConnection;
  /** The tier the user is on: FREE without a current subscription. Null, with FORBIDDEN or UNAUTHENTICATED, for anyone but the user and admins. */
  planTier?: Maybe<PlanTier>;
  /** What the account may do; public. */
  roles: Array<Role>;
  /** The current (ACTIVE or PAST_DUE) subscription; null on the free plan. Only the user and admins may read it (others get FORBIDDEN, signed-out viewers UNAUTHENTICATED). */
  subscription?: Maybe<PlanSubscription>;
  /** The user's videos: all of them for the user (and admins), newest created first; the published PUBLIC ones for everyone else, newest published first. */
  videos: VideoConnection;
};


/** An account; its public face is its channel (handle, display name). */
export type UserLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** An account; its public face is its channel (handle, display name). */
export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** A video or a short, owned by one user. */
export type Video = {
  __typename?: 'Video';
  audience: Audience;
  createdAt: Scalars['DateTime']['output'];
  /** Up to 5000 characters; empty when not given. */
  description: Scalars['String']['output'];
  /** Known once the upload has been probed. */
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  kind: VideoKind;
  /** Who uploaded it. */
  owner: User;
  /** When it became (or becomes) visible to others. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The lowest plan that may play it. */
  requiredPlan: PlanTier;
  status: VideoStatus;
  tags: Array<Scalars['String']['output']>;
  /** Up to 100 characters. */
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  visibility: VideoVisibility;
};

export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
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


export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}}]}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"handle"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;