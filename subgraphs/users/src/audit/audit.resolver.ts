import { type FilterQuery } from '@mikro-orm/postgresql';
import {
  type BaseContext,
  ConnectionType,
  checkPageSize,
  decodeTimeCursor,
  pastKey,
  forbidden,
  isUuid,
  PageArgs,
  Role,
  TextLength,
  toConnection,
  type Connection,
} from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireAccount, usersById } from '../accounts/account-access';
import { User } from '../accounts/user.entity';
import { AuditEntry } from './audit-entry.entity';

export const AuditEntryConnection = ConnectionType(AuditEntry);

@InputType({ description: 'Narrows the audit log; every field is optional.' })
class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only what this account did.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action.' })
  @TextLength(0, 60)
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only actions on this target id.' })
  @TextLength(0, 200)
  targetId?: string | null;
}

const AUDIT_CURSOR = 'audit';

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, {
    description: 'The audit log, newest first (ADMIN only).',
  })
  async auditLog(
    @Ctx() ctx: BaseContext,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter?: AuditLogFilter | null,
  ): Promise<Connection<AuditEntry>> {
    const { user } = await requireAccount(ctx);
    if (!user.roles.includes(Role.ADMIN)) {
      throw forbidden('Only an admin can read the audit log.');
    }
    const first = checkPageSize(page.first);
    const conditions: FilterQuery<AuditEntry>[] = [];
    if (filter?.actorId) {
      // a malformed id matches nobody rather than failing the whole log
      conditions.push(isUuid(filter.actorId) ? { actorId: filter.actorId } : { id: { $in: [] } });
    }
    if (filter?.action) {
      conditions.push({ action: filter.action.toUpperCase() });
    }
    if (filter?.targetId) {
      conditions.push({ targetId: filter.targetId });
    }
    if (page.after) {
      const cursor = decodeTimeCursor(page.after, [AUDIT_CURSOR]);
      conditions.push(pastKey(cursor, 'desc', 'at'));
    }
    const rows = await ctx.em.find(
      AuditEntry,
      { $and: conditions },
      { orderBy: { at: 'desc', id: 'desc' }, limit: first + 1 },
    );
    return toConnection(rows, first, row => [AUDIT_CURSOR, row.at.toISOString(), row.id]);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The account that acted; null for the admin CLI, a provider or a job.',
  })
  actor(@Root() entry: AuditEntry, @Ctx() ctx: BaseContext): Promise<User | null> | null {
    return entry.actorId ? usersById(ctx).load(entry.actorId) : null;
  }

  @FieldResolver(() => String, { description: 'What else was recorded, as a JSON object.' })
  detail(@Root() entry: AuditEntry): string {
    return JSON.stringify(entry.detail);
  }
}
