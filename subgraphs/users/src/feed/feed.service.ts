import {
  Audience,
  badInput,
  type BaseContext,
  checkPageSize,
  type Connection,
  decodeCursor,
  forbidden,
  isUuid,
  toConnection,
} from '@vp/kit';
import { requireAccount } from '../accounts/account-access';
import { type User } from '../accounts/user.entity';
import { mayWatchAdult } from '../entitlements/adult-access';
import { FeedEntryKind } from './feed-entry.entity';

const LABEL = 'feed';

/** A feed item as the gateway completes it: an entity reference its owner (videos, live) resolves. */
export type FeedHit =
  { __typename: 'Video'; id: string } | { __typename: 'LiveStream'; id: string };

interface FeedKey {
  live: boolean;
  at: Date;
  id: string;
}

/** `["feed", 1|0, time, id]`: the position of the last item seen, in feed order. */
function feedCursor(after: string): FeedKey {
  const [label, live, at, id, ...rest] = decodeCursor(after);
  const time = typeof at === 'string' ? new Date(at) : null;
  if (
    label === LABEL &&
    (live === 0 || live === 1) &&
    time &&
    !Number.isNaN(time.getTime()) &&
    isUuid(id) &&
    rest.length === 0
  ) {
    return { live: live === 1, at: time, id };
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor from this list.' },
  ]);
}

interface FeedRow {
  id: string;
  kind: FeedEntryKind;
  live: boolean;
  sort_at: Date;
}

/**
 * The account's subscriptions feed: listed videos and live streams of the creators it follows,
 * streams on air first, then newest first (published / went live), ties by id. Keyset pages on
 * (live, time, id), so a page never repeats or skips an item that stays put; an item that changes
 * place (a stream that ends) simply leaves. ADULT items only for viewers the age rule allows.
 * Only the account itself reads it.
 */
export async function feedOf(
  context: BaseContext,
  user: User,
  page: { first: number; after?: string | null },
): Promise<Connection<FeedHit>> {
  const { user: viewer } = await requireAccount(context);
  if (viewer.id !== user.id) {
    throw forbidden('Only the account itself sees its feed.');
  }
  const first = checkPageSize(page.first);
  const cursor = page.after ? feedCursor(page.after) : null;
  const adult = await mayWatchAdult(context, viewer);
  const rows: FeedRow[] = await context.em.execute(
    `select f."id", f."kind", f."live", f."sort_at"
       from "users"."follow" fo
       join "users"."feed_entry" f on f."owner_id" = fo."followee_id" and f."listed"
       join "users"."user" owner on owner."id" = fo."followee_id"
      where fo."follower_id" = ?
        -- a suspended creator's items leave the feed while the suspension lasts
        and (owner."suspended_at" is null or owner."suspended_until" <= now())
        and f."sort_at" <= now()
        ${adult ? '' : `and f."audience" <> '${Audience.ADULT}'`}
        ${cursor ? `and (f."live", f."sort_at", f."id") < (?, ?, ?)` : ''}
      order by f."live" desc, f."sort_at" desc, f."id" desc
      limit ?`,
    [viewer.id, ...(cursor ? [cursor.live, cursor.at, cursor.id] : []), first + 1],
  );
  const connection = toConnection(rows, first, row => [
    LABEL,
    row.live ? 1 : 0,
    new Date(row.sort_at).toISOString(),
    row.id,
  ]);
  return {
    ...connection,
    edges: connection.edges.map(edge => ({
      cursor: edge.cursor,
      node: {
        __typename: edge.node.kind === FeedEntryKind.VIDEO ? 'Video' : 'LiveStream',
        id: edge.node.id,
      },
    })),
  };
}
