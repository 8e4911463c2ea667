import {
  byIds,
  findByIds,
  KEEP_LOADED,
  loaderFor,
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
  /** Null when the request came with an API key (then the key is live instead). */
  session: Session | null;
}

const resolved = new WeakMap<BaseContext, Promise<SignedInAccount | null>>();

/** The statement of the session check, per schema (built once: no query builder per request). */
const sessionStatements = new Map<string, string>();

function sessionStatementOf(ctx: BaseContext) {
  const schema = String(ctx.em.config.get('schema') ?? 'public');
  let statement = sessionStatements.get(schema);
  if (!statement) {
    const metadata = ctx.em.getMetadata();
    const table = (entity: string) =>
      `"${metadata.find(entity)?.schema ?? schema}"."${metadata.find(entity)!.tableName}"`;
    const sessionColumns = metadata
      .find(Session.name)!
      .comparableProps.flatMap(prop => prop.fieldNames ?? [])
      .map(column => `s."${column}" as "s__${column}"`);
    statement =
      `select u.*, ${sessionColumns.join(', ')} from ${table(Session.name)} s ` +
      `join ${table(User.name)} u on u.id = s.user_id where s.id = ?`;
    sessionStatements.set(schema, statement);
  }
  return statement;
}

/**
 * The token's session with its account, in one prepared-once statement (this check runs on every
 * signed-in request: building it through the query builder was most of `me`'s ORM time). The rows
 * become managed entities of the request's EntityManager, as a find would leave them.
 */
async function sessionWithUser(ctx: BaseContext, sessionId: string): Promise<Session | null> {
  const rows: Record<string, unknown>[] = await ctx.em
    .getConnection('read')
    .execute(sessionStatementOf(ctx), [sessionId], 'all');
  if (!rows.length) {
    return null;
  }
  const userRow: Record<string, unknown> = {};
  const sessionRow: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(rows[0])) {
    if (column.startsWith('s__')) {
      sessionRow[column.slice(3)] = value;
    } else {
      userRow[column] = value;
    }
  }
  // as a find would: an entity this request already loaded is kept as it is
  ctx.em.map(User, userRow, KEEP_LOADED);
  return ctx.em.map(Session, sessionRow, KEEP_LOADED);
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
          ? { user: key.owner, session: null }
          : null;
      }
      if (!viewer || !isUuid(viewer.sessionId) || !isUuid(viewer.id)) {
        return null;
      }
      const session = await sessionWithUser(ctx, viewer.sessionId);
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
