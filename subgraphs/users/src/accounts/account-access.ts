import {
  byIds,
  findByIds,
  loaderFor,
  mapRows,
  preparedRead,
  Role,
  unauthenticated,
  type BaseContext,
} from '@vp/kit';
import { ApiKey } from '../api-keys/api-key.entity';
import { Session } from '../sessions/session.entity';
import { isSuspended, User } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Accounts by id, every look-up of a request in one statement (unknown or malformed ids: null). */
export const usersById = (ctx: BaseContext) =>
  loaderFor<string, User>(ctx, 'users.byId', async ids =>
    byIds(ids, await findByIds(ctx.em, User, ids)),
  );

export interface SignedInAccount {
  user: User;
  /** The token's session (its id); null when the request came with an API key (then the key is live instead). */
  sessionId: string | null;
}

const resolved = new WeakMap<BaseContext, Promise<SignedInAccount | null>>();

/** The session check's statement, per schema (built once: no query builder per request). */
const sessionStatements = new Map<string, { name: string; text: string }>();

function sessionStatementOf(ctx: BaseContext) {
  const schema = String(ctx.em.config.get('schema') ?? 'public');
  let statement = sessionStatements.get(schema);
  if (!statement) {
    const metadata = ctx.em.getMetadata();
    const table = (entity: string) =>
      `"${metadata.find(entity)?.schema ?? schema}"."${metadata.find(entity)!.tableName}"`;
    // the session's liveness as two plain values, so that only the account becomes an entity
    statement = {
      name: `users.session-check.${schema}`,
      text:
        `select u.*, s.revoked_at is not null as "s__revoked", ` +
        `extract(epoch from s.expires_at)::float8 * 1000 as "s__expires_ms" ` +
        `from ${table(Session.name)} s join ${table(User.name)} u on u.id = s.user_id ` +
        `where s.id = $1`,
    };
    sessionStatements.set(schema, statement);
  }
  return statement;
}

/**
 * The token's session, live or not, with its account, in one statement prepared once per
 * connection (this check runs on every signed-in request: the query builder, then MikroORM's raw
 * path, were most of `me`'s CPU). The account becomes a managed entity of the request's
 * EntityManager, as a find would leave it; the session does not (nothing reads it), which halves
 * the hydration.
 */
async function sessionWithUser(
  ctx: BaseContext,
  sessionId: string,
): Promise<{ user: User; revoked: boolean; expiresAtMs: number } | null> {
  const { name, text } = sessionStatementOf(ctx);
  const [row] = await preparedRead(ctx.em, name, text, [sessionId]);
  if (!row) {
    return null;
  }
  const { s__revoked: revoked, s__expires_ms: expiresAtMs, ...userRow } = row;
  // as a find would: an entity this request already loaded is kept as it is
  return {
    user: mapRows(ctx.em, User, [userRow])[0],
    revoked: revoked === true,
    expiresAtMs: Number(expiresAtMs),
  };
}

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
          ? { user: key.owner, sessionId: null }
          : null;
      }
      if (!viewer || !isUuid(viewer.sessionId) || !isUuid(viewer.id)) {
        return null;
      }
      const session = await sessionWithUser(ctx, viewer.sessionId);
      const live =
        session &&
        session.user.id === viewer.id &&
        !session.revoked &&
        session.expiresAtMs > Date.now();
      return live ? { user: session.user, sessionId: viewer.sessionId } : null;
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
