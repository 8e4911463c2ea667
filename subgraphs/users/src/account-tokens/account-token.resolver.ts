import { Rule, Untrimmed } from '@vp/kit';
import { Arg, Args, ArgsType, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { emailProblem, passwordProblem } from '../accounts/account-rules';
import { type UsersContext } from '../context';
import { AuthPayload } from '../sessions/auth.types';
import {
  requestEmailVerification,
  requestPasswordReset,
  requestSignInLink,
  resetPassword,
  signInWithLink,
  verifyEmail,
} from './account-token.service';

@InputType({ description: 'A new password chosen from a reset link.' })
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link.' })
  token!: string;

  @Field({ description: '10 to 128 characters, not a common password.' })
  @Untrimmed()
  @Rule((newPassword: string) => passwordProblem(newPassword))
  newPassword!: string;
}

@ArgsType()
class RequestPasswordResetArgs {
  @Field({ description: 'The address of the account.' })
  @Rule(emailProblem)
  email!: string;
}

@Resolver()
export class AccountTokenResolver {
  @Mutation(() => Boolean, {
    description: 'Emails the signed-in account a link (valid 24 hours) that confirms its address.',
  })
  requestEmailVerification(@Ctx() ctx: UsersContext): Promise<boolean> {
    return requestEmailVerification(ctx);
  }

  @Mutation(() => Boolean, {
    description: 'Confirms an email address with the token from its link.',
  })
  verifyEmail(@Arg('token') token: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return verifyEmail(ctx, token);
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a password-reset link (valid 30 minutes) if an account has this address. Always ' +
      'answers true, so it tells nobody which addresses have accounts.',
  })
  requestPasswordReset(
    @Args() { email }: RequestPasswordResetArgs,
    @Ctx() ctx: UsersContext,
  ): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a one-time sign-in link (valid 15 minutes) if an account has this address; the way ' +
      'in when signIn answers FORBIDDEN with extensions.reason SIGN_IN_LINK_REQUIRED. Always ' +
      'answers true.',
  })
  requestSignInLink(
    @Args() { email }: RequestPasswordResetArgs,
    @Ctx() ctx: UsersContext,
  ): Promise<boolean> {
    return requestSignInLink(ctx, email);
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in with the token from a sign-in link; each link works once.',
  })
  signInWithLink(@Arg('token') token: string, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return signInWithLink(ctx, token);
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password from a reset link and signs the account out everywhere.',
  })
  resetPassword(
    @Arg('input') input: ResetPasswordInput,
    @Ctx() ctx: UsersContext,
  ): Promise<boolean> {
    return resetPassword(ctx, input);
  }
}
