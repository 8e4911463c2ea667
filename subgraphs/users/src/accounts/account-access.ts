import { byIds, loaderFor, Role, unauthenticated, type BaseContext } from '@vp/kit';
import { ApiKey } from '../api-keys/api-key.entity';
import { Session } from '../sessions/session.entity';
import { isSuspended, User } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Accounts by id, every look-up of a request in one statement (unknown or malformed ids: null). */
export const usersById = (ctx: BaseContext) =>
  loaderFor<string, User>(ctx, 'users.byId', async ids =>
    byIds(ids, await ctx.em.find(User, { id: { $in: ids.filter(isUuid) } })),
  );

export interface SignedInAccount {
  user: User;
  /** Null when the request came with an API key (then the key is live instead). */
  session: Session | null;
}

const resolved = new WeakMap<BaseContext, Promise<SignedInAccount | null>>();

/**
 * The viewer's account, when the access token's session is still live. A token whose session was
 * signed out, revoked on reuse or ended by a password reset is refused here at once, even though
 * other subgraphs accept it until it expires. Looked up once per request.
 */
export function signedInAccount(ctx: BaseContext): Promise<SignedInAccount | null> {
  let account = resolved.get(ctx);
  if (!account) {
    account = (async () => {
      const viewer = ctx.viewer;
      if (viewer?.apiKeyId && isUuid(viewer.apiKeyId) && isUuid(viewer.id)) {
        // a key's token: the key must still be live, whatever the token says
        const key = await ctx.em.findOne(
          ApiKey,
          { id: viewer.apiKeyId, revokedAt: null },
          { populate: ['owner'] },
        );
        return key && key.owner.id === viewer.id && !isSuspended(key.owner)
          ? { user: key.owner, session: null }
          : null;
      }
      if (!viewer || !isUuid(viewer.sessionId) || !isUuid(viewer.id)) {
        return null;
      }
      const session = await ctx.em.findOne(
        Session,
        { id: viewer.sessionId },
        { populate: ['user'] },
      );
      const live =
        session &&
        session.user.id === viewer.id &&
        !session.revokedAt &&
        session.expiresAt.getTime() > Date.now();
      return live ? { user: session.user, session } : null;
    })();
    resolved.set(ctx, account);
  }
  return account;
}

/** The signed-in account, or UNAUTHENTICATED. */
export async function requireAccount(ctx: BaseContext): Promise<SignedInAccount> {
  const account = await signedInAccount(ctx);
  if (!account) {
    throw ctx.viewer
      ? unauthenticated('This session has ended. Sign in again.')
      : unauthenticated();
  }
  return account;
}

/**
 * Whether the viewer may read an account's private fields (email, birth date): the account itself,
 * or an admin (by the roles stored now, not those in the token).
 */
export async function canReadPrivateFields(ctx: BaseContext, user: User): Promise<boolean> {
  if (!ctx.viewer) {
    return false;
  }
  const account = await signedInAccount(ctx);
  return !!account && (account.user.id === user.id || account.user.roles.includes(Role.ADMIN));
}
