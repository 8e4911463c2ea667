import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Role } from '@vp/kit';

/**
 * The audit trail of role changes: one row per change, whoever made it (an admin through
 * `setUserRoles`, or an operator through `npm run admin`). Rows are only ever added.
 */
@Entity({ tableName: 'role_change' })
@Index({ properties: ['userId', 'changedAt'] })
export class RoleChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => Role, array: true })
  rolesBefore!: Role[];

  @Enum({ items: () => Role, array: true })
  rolesAfter!: Role[];

  /** The admin's account, when the change was made through the API. */
  @Property({ type: 'uuid', nullable: true })
  changedByUserId?: string | null;

  /** The operator's login name, when the change was made with the admin CLI. */
  @Property({ type: 'string', length: 100, nullable: true })
  changedByOperator?: string | null;

  @Property({ type: 'datetime' })
  changedAt: Date = new Date();
}
