import { Rule, Untrimmed } from '@vp/kit';
import { Field, InputType, ObjectType } from 'type-graphql';
import {
  birthDateProblem,
  displayNameProblem,
  emailProblem,
  guessableFrom,
  handleProblem,
  passwordProblem,
} from '../accounts/account-rules';
import { User } from '../accounts/user.entity';

@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field({ description: 'Your email address; it is checked and kept lower-case.' })
  @Rule(emailProblem)
  email!: string;

  @Field({ description: '10 to 128 characters, not a common password.' })
  @Untrimmed()
  @Rule((password: string, account: SignUpInput) =>
    passwordProblem(password, guessableFrom(account)),
  )
  password!: string;

  @Field({ description: '3 to 30 of a-z, 0-9 and _; unique whatever the case.' })
  @Rule(handleProblem)
  handle!: string;

  @Field({ description: 'The name shown on your channel, 1 to 50 characters.' })
  @Rule(displayNameProblem)
  displayName!: string;

  @Field({ description: 'Your date of birth as YYYY-MM-DD; you must be 13 or older.' })
  @Rule((birthDate: string) => birthDateProblem(birthDate))
  birthDate!: string;
}

@InputType({ description: 'The credentials of an existing account.' })
export class SignInInput {
  @Field({ description: 'The email address of the account, in any case.' })
  email!: string;

  @Field({ description: 'Its password.' })
  @Untrimmed()
  password!: string;
}

@ObjectType({ description: 'A signed-in session: a short-lived access token and a refresh token.' })
export class AuthPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>"; valid for 10 minutes.' })
  accessToken!: string;

  @Field({
    description:
      'Exchange it with refreshSession for a new pair before the access token expires; ' +
      'each refresh token works once.',
  })
  refreshToken!: string;

  @Field({ description: 'When the access token stops working.' })
  accessTokenExpiresAt!: Date;

  @Field(() => User, { description: 'The signed-in account.' })
  user!: User;
}
