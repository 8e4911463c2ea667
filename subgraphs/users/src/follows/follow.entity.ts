import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { User } from '../accounts/user.entity';

/**
 * One account follows another, once: the primary key makes a second follow a no-op, and only a
 * row that really changed moves the counters (follow.service.ts).
 */
@Entity({ tableName: 'follow' })
@Check({ name: 'follow_not_self', expression: '"follower_id" <> "followee_id"' })
@Index({ properties: ['followee', 'createdAt'] })
@Index({ properties: ['follower', 'createdAt'] })
// The notification fan-out walks a creator's followers in follower-id order.
@Index({ properties: ['followee', 'follower'] })
export class Follow {
  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  follower!: Rel<User>;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  followee!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * An account's follow totals, kept apart from the user row: a popular creator's counter is hot
 * (every follow updates it) and should not lock the account itself.
 */
@Entity({ tableName: 'follow_counter' })
export class FollowCounter {
  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'integer', default: 0 })
  followerCount: number = 0;

  @Property({ type: 'integer', default: 0 })
  followingCount: number = 0;
}
