import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type UsersContext } from '../context';
import { signIn, signUp } from './auth.service';
import { AuthPayload, SignInInput, SignUpInput } from './auth.types';
import { rotateRefreshToken, signOut } from './session.service';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(@Arg('input') input: SignUpInput, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Signs in with email and password. After 5 failures for one email from one address, that ' +
      'address is refused with RATE_LIMITED (extensions.retryAfterSeconds) for 30 s, doubling with ' +
      'each further failure; other addresses are not slowed. When 10 addresses have tried one ' +
      'account within an hour, its password is refused with FORBIDDEN (extensions.reason ' +
      'SIGN_IN_LINK_REQUIRED): ask for a link with requestSignInLink.',
  })
  signIn(@Arg('input') input: SignInInput, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return signIn(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for a new access token and refresh token. Each refresh token ' +
      'works once: presenting a used one ends that session everywhere.',
  })
  refreshSession(
    @Arg('refreshToken') refreshToken: string,
    @Ctx() ctx: UsersContext,
  ): Promise<AuthPayload> {
    return rotateRefreshToken(ctx, refreshToken);
  }

  @Mutation(() => Boolean, {
    description:
      'Ends the session the refresh token belongs to. Its access tokens are refused on every ' +
      'service, and its open subscriptions closed, within 2 seconds.',
  })
  signOut(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return signOut(ctx, refreshToken);
  }
}
