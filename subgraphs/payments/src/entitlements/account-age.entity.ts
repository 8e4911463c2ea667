import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What payments knows about a user's age: the birth date from the users subgraph's
 * `UserRegistered` event, and when a CCBill sale verified the payer as an adult.
 * A user without a row is treated as not an adult.
 */
@Entity({ tableName: 'account_age' })
export class AccountAge {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** YYYY-MM-DD, as the user gave it at sign-up. */
  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  ageVerifiedAt: Date | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
