import { badInput, forbidden, notFound, Role, type BaseContext, UNCACHED } from '@vp/kit';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { avatarUrlOf } from '../avatars/avatar.service';
import type { UsersContext } from '../context';
import { setUserRoles } from '../roles/roles.service';
import { userWithFollows, userWithFollowsByHandle } from '../follows/user-with-follows';
import { canReadPrivateFields, isUuid, requireAccount } from './account-access';
import { updateProfile, UpdateProfileInput } from './profile';
import { EmailLanguage, User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in account.' })
  async me(@Ctx() ctx: BaseContext): Promise<User> {
    return (await requireAccount(ctx)).user;
  }

  @Query(() => User, {
    nullable: true,
    description: 'One account by id or by handle (null if none).',
  })
  async user(
    @Ctx() ctx: BaseContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('handle', () => String, { nullable: true }) handle?: string,
  ): Promise<User | null> {
    if (!id === !handle) {
      throw badInput('Give exactly one of id or handle.');
    }
    if (id) {
      return userWithFollows(ctx, id);
    }
    const normalised = handle!.trim().toLowerCase();
    return normalised.length <= 30 ? userWithFollowsByHandle(ctx, normalised) : null;
  }

  @Mutation(() => User, {
    description:
      "Replaces an account's roles (ADMIN only). The account's access tokens issued before the " +
      'change are refused everywhere within 2 seconds; its next refresh carries the new roles.',
  })
  async setUserRoles(
    @Ctx() ctx: BaseContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('roles', () => [Role]) roles: Role[],
  ): Promise<User> {
    const { user: admin } = await requireAccount(ctx);
    if (!admin.roles.includes(Role.ADMIN)) {
      throw forbidden('Only an admin can change roles.');
    }
    const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId }) : null;
    if (!user) {
      throw notFound('The account');
    }
    return setUserRoles(
      ctx.em,
      user,
      roles,
      { adminId: admin.id, ip: ctx.client?.ip ?? null },
      ctx,
    );
  }

  @Mutation(() => User, { description: 'Changes your display name and bio.' })
  updateProfile(
    @Ctx() ctx: BaseContext,
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
  ): Promise<User> {
    return updateProfile(ctx, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The picture shown for the account: a 256×256 WebP made from the uploaded one; null if none.',
  })
  avatarUrl(@Root() user: User, @Ctx() ctx: UsersContext): string | null {
    return avatarUrlOf(ctx, user);
  }

  @Directive(UNCACHED)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The email address; null unless you are this account or an admin.',
  })
  async email(@Root() user: User, @Ctx() ctx: BaseContext): Promise<string | null> {
    return (await canReadPrivateFields(ctx, user)) ? user.email : null;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the email address is confirmed; null unless you are this account or an admin.',
  })
  async emailVerified(@Root() user: User, @Ctx() ctx: BaseContext): Promise<boolean | null> {
    return (await canReadPrivateFields(ctx, user)) ? !!user.emailVerifiedAt : null;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => EmailLanguage, {
    nullable: true,
    description:
      'The language of the emails sent to the account; null unless you are this account or an admin.',
  })
  async emailLanguage(@Root() user: User, @Ctx() ctx: BaseContext): Promise<EmailLanguage | null> {
    if (!(await canReadPrivateFields(ctx, user))) {
      return null;
    }
    return user.language === 'en' ? EmailLanguage.EN : EmailLanguage.JA;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Date of birth (YYYY-MM-DD); null unless you are this account or an admin.',
  })
  async birthDate(@Root() user: User, @Ctx() ctx: BaseContext): Promise<string | null> {
    return (await canReadPrivateFields(ctx, user)) ? user.birthDate : null;
  }
}

/**
 * `_entities` reaches here straight from any caller: it returns the same public User as `user(id)`
 * (batched), and its private fields go through the same field rules.
 */
export function resolveUserReference(reference: { id: string }, ctx: BaseContext) {
  return userWithFollows(ctx, String(reference.id));
}
