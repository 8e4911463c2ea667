import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Sign-ups per UTC day, fed by UserRegistered: the analysts' signupsByDay reads only this. */
@Entity({ tableName: 'signup_daily' })
export class SignupDaily {
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  count!: number;
}
