import {
  type BaseContext,
  ConnectionType,
  type Connection,
  PageArgs,
  PlainText,
  Role,
  TextLength,
  UNCACHED,
} from '@vp/kit';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
  Directive,
} from 'type-graphql';
import { signedInAccount } from '../accounts/account-access';
import { isSuspended, User } from '../accounts/user.entity';
import {
  ContentReport,
  ModerationAction,
  ModerationItem,
  ReportReason,
  ReportStatus,
  ReportTargetType,
} from './moderation.entity';
import {
  moderationQueue,
  REPORT_DETAILS_MAX,
  reportContent,
  resolveReport,
  statusOfReport,
  TAKEDOWN_REASON_MAX,
  takeDown,
} from './moderation.service';
import { suspendUser, unsuspendUser } from './suspension';

export const ModerationItemConnection = ConnectionType(ModerationItem);

@InputType({ description: 'A report of content or an account that breaks the rules.' })
class ReportContentInput {
  @Field(() => ReportTargetType)
  targetType!: ReportTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => ReportReason)
  reason!: ReportReason;

  @Field(() => String, {
    nullable: true,
    description: `What the moderators should know, plain text of at most ${REPORT_DETAILS_MAX} characters.`,
  })
  @TextLength(0, REPORT_DETAILS_MAX)
  @PlainText({ lineBreaks: true })
  details?: string | null;
}

@ArgsType()
class ResolveReportArgs {
  @Field(() => ID, { description: 'The queue item’s id.' })
  id!: string;

  @Field(() => ModerationAction)
  action!: ModerationAction;

  @Field(() => String, {
    nullable: true,
    description: `For the audit log: plain text of at most ${REPORT_DETAILS_MAX} characters.`,
  })
  @TextLength(0, REPORT_DETAILS_MAX)
  @PlainText({ lineBreaks: true })
  note?: string | null;
}

@InputType({
  description: 'Content to take down (MODERATOR or ADMIN); an account is suspended instead.',
})
class TakeDownInput {
  @Field(() => ReportTargetType)
  targetType!: ReportTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field({ description: `Why, shown to the owner: 1–${TAKEDOWN_REASON_MAX} characters.` })
  @TextLength(1, TAKEDOWN_REASON_MAX)
  @PlainText({ lineBreaks: true })
  reason!: string;
}

@InputType({ description: 'An account to suspend (MODERATOR or ADMIN).' })
class SuspendUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Date, { nullable: true, description: 'When it ends by itself; null: until lifted.' })
  until?: Date | null;

  @Field({ description: `Why: 1–${TAKEDOWN_REASON_MAX} characters.` })
  @TextLength(1, TAKEDOWN_REASON_MAX)
  @PlainText({ lineBreaks: true })
  reason!: string;
}

@Resolver(() => ModerationItem)
export class ModerationResolver {
  @Mutation(() => ContentReport, {
    description:
      'Reports content or an account (signed in). One report per account and target (again: BAD_USER_INPUT); 20 an hour.',
  })
  reportContent(
    @Ctx() ctx: BaseContext,
    @Arg('input', () => ReportContentInput) input: ReportContentInput,
  ): Promise<ContentReport> {
    return reportContent(ctx, { ...input, details: input.details ?? '' });
  }

  @Query(() => ModerationItemConnection, {
    description:
      'The moderation queue (MODERATOR or ADMIN): one item per reported target, CHILD_SAFETY first, then oldest first.',
  })
  moderationQueue(
    @Ctx() ctx: BaseContext,
    @Args() page: PageArgs,
    @Arg('status', () => ReportStatus, { defaultValue: ReportStatus.OPEN }) status: ReportStatus,
  ): Promise<Connection<ModerationItem>> {
    return moderationQueue(ctx, status, page);
  }

  @Mutation(() => ModerationItem, {
    description: 'Resolves a queue item (MODERATOR or ADMIN); `id` is the item’s.',
  })
  resolveReport(
    @Ctx() ctx: BaseContext,
    @Args() { id, action, note }: ResolveReportArgs,
  ): Promise<ModerationItem> {
    return resolveReport(ctx, id, action, note ?? null);
  }

  @Mutation(() => Boolean, {
    description:
      'Takes content down (MODERATOR or ADMIN): hidden from everyone but its owner, playback stopped, a live stream ended; the owner is told why.',
  })
  takeDown(
    @Ctx() ctx: BaseContext,
    @Arg('input', () => TakeDownInput) input: TakeDownInput,
  ): Promise<boolean> {
    return takeDown(ctx, input);
  }

  @Mutation(() => User, {
    description:
      'Suspends an account (MODERATOR or ADMIN; only admins suspend moderators, nobody an admin): its sessions end, it cannot sign in, its content is hidden.',
  })
  suspendUser(
    @Ctx() ctx: BaseContext,
    @Arg('input', () => SuspendUserInput) input: SuspendUserInput,
  ): Promise<User> {
    return suspendUser(ctx, input);
  }

  @Mutation(() => User, { description: 'Lifts a suspension now (MODERATOR or ADMIN).' })
  unsuspendUser(@Ctx() ctx: BaseContext, @Arg('userId', () => ID) userId: string): Promise<User> {
    return unsuspendUser(ctx, userId);
  }
}

@Resolver(() => ContentReport)
export class ContentReportResolver {
  @FieldResolver(() => ReportStatus, { description: 'Where its queue item stands.' })
  status(@Root() report: ContentReport, @Ctx() ctx: BaseContext): Promise<ReportStatus> {
    return statusOfReport(ctx, report);
  }
}

/** Suspension fields: the account itself, moderators and admins see them; others get null. */
@Resolver(() => User)
export class UserSuspensionResolver {
  private async mayRead(ctx: BaseContext, user: User) {
    const account = ctx.viewer ? await signedInAccount(ctx) : null;
    return (
      !!account &&
      (account.user.id === user.id ||
        account.user.roles.includes(Role.ADMIN) ||
        account.user.roles.includes(Role.MODERATOR))
    );
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the account is suspended now (itself, moderators and admins; else null).',
  })
  async suspended(@Root() user: User, @Ctx() ctx: BaseContext): Promise<boolean | null> {
    return (await this.mayRead(ctx, user)) ? isSuspended(user) : null;
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the current suspension ends; null when not suspended, suspended until lifted, or not yours to see.',
  })
  async suspendedUntil(@Root() user: User, @Ctx() ctx: BaseContext): Promise<Date | null> {
    return (await this.mayRead(ctx, user)) && isSuspended(user) ? user.suspendedUntil : null;
  }
}
