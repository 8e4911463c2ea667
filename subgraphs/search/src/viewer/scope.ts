import { type BaseContext, hasRole, isUuid, preparedRead, Role, type Viewer } from '@vp/kit';

/**
 * What a viewer may find, worked out once per request: every list (search, suggestions, trending,
 * feeds, related) filters with it.
 * - `adult`: ADULT documents only for an age-verified viewer (payments' EntitlementChanged, kept
 *   in `search.viewer_entitlement`, as videos decides playback); anonymous viewers and minors never.
 * - `territory`: catalog titles only where a licence window is open or still to come.
 * - `ownerId` / `admin`: search (not feeds) also shows owners their own unlisted, private and
 *   unpublished documents, and ADMINs everything.
 */
export interface SearchScope {
  viewer: Viewer | null;
  ownerId: string | null;
  admin: boolean;
  adult: boolean;
  territory: string;
  /**
   * Accounts suspended now (users' UserSuspensionChanged, kept in `search.account_suspension`):
   * their documents, channel included, are left out of every list while it lasts.
   */
  hiddenOwners: string[];
}

/** A viewer's id when it can own documents (tokens of other kinds of subject own nothing). */
export const ownerIdOf = (viewer: Viewer | null) =>
  viewer && isUuid(viewer.id) ? viewer.id.toLowerCase() : null;

/**
 * Both halves of a scope in one prepared statement (every discovery request starts with it): the
 * accounts suspended now (as kit `suspendedAccountIds`) and whether the viewer ($1, null when
 * anonymous) is age-verified (as kit `entitlementOf`, from payments' EntitlementChanged).
 */
const SCOPE_SQL = `select
  array(select "user_id"::text from "search"."account_suspension"
    where "suspended" and ("suspended_until" is null or "suspended_until" > now())) as "hidden",
  coalesce((select "age_verified" from "search"."viewer_entitlement" where "user_id" = $1::uuid), false) as "adult"`;

export async function scopeOf(context: BaseContext): Promise<SearchScope> {
  const ownerId = ownerIdOf(context.viewer);
  const [row] = await preparedRead(context.em, 'search.scope', SCOPE_SQL, [ownerId]);
  return {
    viewer: context.viewer,
    ownerId,
    admin: hasRole(context.viewer, Role.ADMIN),
    adult: row.adult === true,
    territory: context.territory,
    hiddenOwners: row.hidden as string[],
  };
}

/** A scope for anonymous viewers in a territory (tests, the port's other callers). */
export const anonymousScope = (territory = 'JP'): SearchScope => ({
  viewer: null,
  ownerId: null,
  admin: false,
  adult: false,
  territory,
  hiddenOwners: [],
});

/** The scope of a viewer without a request (tests): not age-verified unless said. */
export const scopeFor = (
  viewer: Viewer | null,
  options: Partial<SearchScope> = {},
): SearchScope => ({
  viewer,
  ownerId: ownerIdOf(viewer),
  admin: hasRole(viewer, Role.ADMIN),
  adult: false,
  territory: 'JP',
  hiddenOwners: [],
  ...options,
});
