import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  type Opt,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../accounts/user.entity';
import { Session } from '../sessions/session.entity';

export enum PushPlatform {
  IOS = 'IOS',
  ANDROID = 'ANDROID',
}

registerEnumType(PushPlatform, {
  name: 'PushPlatform',
  description: 'The operating system of a device that receives push notifications.',
});

/**
 * A phone that receives the account's push notifications, by its Expo push token. A token belongs
 * to one account at a time (unique): the same phone signed in to another account moves to it, so a
 * shared or resold phone never shows the previous owner's notifications. It is pushed to only while
 * the session that registered it is live: signing out, a password reset or a revoked session stop
 * the pushes even when the app could not unregister (a lost phone), and the row goes with the session.
 */
@ObjectType({ description: 'A device of yours that receives push notifications.' })
@Entity({ tableName: 'push_device' })
@Index({ properties: ['user', 'lastSeenAt'] })
export class PushDevice {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** The app's session (refresh-token family) that registered it. */
  @ManyToOne(() => Session, { deleteRule: 'cascade' })
  @Index()
  session!: Rel<Session>;

  @Field({ description: 'The Expo push token the app registered.' })
  @Property({ type: 'string', length: 200, unique: true })
  token!: string;

  @Field(() => PushPlatform)
  @Enum({ items: () => PushPlatform })
  platform!: PushPlatform;

  @Field(() => Date, { description: 'When this device was registered to your account.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  /** Each registration (the app registers at every sign-in) renews it; the oldest go first. */
  @Field(() => Date, { description: 'When the app last registered this device.' })
  @Property({ type: 'datetime' })
  lastSeenAt: Opt<Date> = new Date();
}
