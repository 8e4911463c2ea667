import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../accounts/user.entity';
import { SecurityAlertKind } from './security-alerts';

registerEnumType(SecurityAlertKind, {
  name: 'SecurityAlertKind',
  description: 'What happened to the account.',
  valuesConfig: {
    NEW_SIGN_IN: { description: 'A new session signed in.' },
    PASSWORD_CHANGED: { description: 'The password was reset; every session was ended.' },
    SESSION_REUSE_DETECTED: {
      description: 'An already-used refresh token was presented; that session was ended.',
    },
  },
});

@ObjectType({ description: 'Something that happened to your account that you should know about.' })
export class SecurityAlert {
  @Field(() => ID, { description: 'Unique per alert.' })
  id!: string;

  @Field(() => SecurityAlertKind, { description: 'What happened.' })
  kind!: SecurityAlertKind;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The User-Agent of the request, if sent.' })
  userAgent!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The address the request came from, as this service saw it.',
  })
  ip!: string | null;

  @Field(() => User, { description: 'The account it concerns.' })
  user!: User;
}
