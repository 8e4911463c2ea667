import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from '../accounts/user.entity';

export enum AccountTokenPurpose {
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
  /** A one-time sign-in without the password: how the owner gets in while the password is not enough. */
  SIGN_IN_LINK = 'SIGN_IN_LINK',
}

/** A single-use, expiring token sent by email; only its SHA-256 is stored. */
@Entity({ tableName: 'account_token' })
@Index({ properties: ['user', 'purpose'] })
export class AccountToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Enum({ items: () => AccountTokenPurpose })
  purpose!: AccountTokenPurpose;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The address the token was sent to: verifying proves this one, not a later one. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
