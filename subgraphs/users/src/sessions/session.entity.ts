import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '../accounts/user.entity';

/**
 * One signed-in device: a refresh-token family. Its id is the `sid` claim of every access token it
 * issues, so revoking it (sign-out, reuse, password reset) is seen at once by this subgraph.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  user!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Absolute: rotation never extends a family past this. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  /** SIGNED_OUT, REFRESH_TOKEN_REUSED or PASSWORD_RESET. */
  @Property({ type: 'string', length: 32, nullable: true })
  revokedReason?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;
}
