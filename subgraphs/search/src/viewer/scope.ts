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

/** The scope's statement, per schema (built once, prepared once per connection). */
const scopeStatements = new Map<string, { name: string; text: string }>();

function scopeStatementOf(context: BaseContext) {
  const schema = String(context.em.config.get('schema') ?? 'public');
  let statement = scopeStatements.get(schema);
  if (!statement) {
    statement = {
      name: `search.scope.${schema}`,
      // suspendedAccountIds and entitlementOf's age check, as one statement: every list asks both
      text: `select array(
          select "user_id"::text from "${schema}"."account_suspension"
          where "suspended" and ("suspended_until" is null or "suspended_until" > now())
        ) as "hidden_owners",
        coalesce((select "age_verified" from "${schema}"."viewer_entitlement"
          where "user_id" = $1::uuid), false) as "adult"`,
    };
    scopeStatements.set(schema, statement);
  }
  return statement;
}

export async function scopeOf(context: BaseContext): Promise<SearchScope> {
  const ownerId = ownerIdOf(context.viewer);
  const { name, text } = scopeStatementOf(context);
  const [row] = await preparedRead(context.em, name, text, [ownerId]);
  return {
    viewer: context.viewer,
    ownerId,
    admin: hasRole(context.viewer, Role.ADMIN),
    adult: row.adult === true,
    territory: context.territory,
    hiddenOwners: row.hidden_owners as string[],
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
