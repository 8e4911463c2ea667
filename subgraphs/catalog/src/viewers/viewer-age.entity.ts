import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A user's birth date as the users subgraph published it at sign-up (UserRegistered): what R15
 * titles are checked against. A user without a row (signed up before the catalog listened) has no
 * known age and is refused R15 and R18 titles.
 */
@Entity({ tableName: 'viewer_age' })
export class ViewerAge {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** YYYY-MM-DD. */
  @Property({ type: 'string', length: 10 })
  birthDate!: string;
}
