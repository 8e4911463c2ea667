import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Index,
  ManyToOne,
  type Opt,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { User } from '../accounts/user.entity';

/**
 * An API key of an account: `vp_` and 43 characters of 256 random bits, shown once. Only its
 * SHA-256 is stored (enough for a random secret of that size: there is nothing to guess), looked up
 * through a unique index; `prefix` (its first 11 characters) is what lists show.
 */
@Entity({ tableName: 'api_key' })
@Index({ properties: ['owner', 'createdAt'] })
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: Rel<User>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 16 })
  prefix!: string;

  /** Hex SHA-256 of the whole key. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash!: string;

  @Property({ type: ArrayType })
  scopes!: string[];

  /** Browser origins (scheme://host[:port]) allowed to call the API with this key. */
  @Property({ type: ArrayType })
  allowedOrigins: Opt<string[]> = [];

  /** The key's own cost budget; null: the gateway's default for keys (API_KEY_BUDGET). */
  @Property({ type: 'integer', nullable: true })
  budgetPoints?: number | null = null;

  @Property({ type: 'integer', nullable: true })
  budgetRestoreRate?: number | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  /** Kept coarsely: written at most once every few minutes per key. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null = null;
}
