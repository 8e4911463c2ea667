import { type BaseContext, ConnectionType, PageArgs, UNCACHED } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Resolver,
  Root,
  type SubscribeResolverData,
  Subscription,
  Directive,
} from 'type-graphql';
import { requireAccount, usersById } from '../accounts/account-access';
import { User } from '../accounts/user.entity';
import { type UsersContext } from '../context';
import { Notification, NotificationKind, NotificationSetting } from './notification.entity';
import {
  markRead,
  notificationFromEvent,
  notificationList,
  notificationSettings,
  unreadCount,
  updateSetting,
} from './notification.service';
import { NOTIFICATIONS_TOPIC, type NotificationEvent } from './notifications';
import { Comment, LiveStream, Video } from './stubs';

export const NotificationConnection = ConnectionType(Notification);

@InputType({ description: 'One kind of notification and how you want it; a field left out stays.' })
export class NotificationSettingsInput {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => Boolean, { nullable: true })
  inApp?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  email?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  push?: boolean | null;
}

const stub = (id: string | null) => (id ? { id } : null);

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => Boolean, { description: 'Whether you marked it read.' })
  read(@Root() notification: Notification): boolean {
    return notification.readAt !== null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who did it; null if that account is gone.',
  })
  actor(@Root() notification: Notification, @Ctx() ctx: BaseContext): Promise<User | null> {
    return notification.actorId
      ? usersById(ctx)
          .load(notification.actorId)
          .then(user => user ?? null)
      : Promise.resolve(null);
  }

  @FieldResolver(() => Video, { nullable: true, description: 'The video it is about, if any.' })
  video(@Root() notification: Notification) {
    return stub(notification.videoId);
  }

  @FieldResolver(() => LiveStream, {
    nullable: true,
    description: 'The live stream it is about, if any.',
  })
  liveStream(@Root() notification: Notification) {
    return stub(notification.liveStreamId);
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'The comment it is about, if any.' })
  comment(@Root() notification: Notification) {
    return stub(notification.commentId);
  }

  @Mutation(() => Int, {
    description:
      'Marks your notifications read: those listed (others are left alone), or all when ids is ' +
      'left out. Returns how many changed.',
  })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Ctx() ctx: BaseContext,
  ): Promise<number> {
    return markRead(ctx, ids);
  }

  @Mutation(() => NotificationSetting, {
    description:
      'Chooses whether one kind of notification reaches you in the app, by email and by push.',
  })
  updateNotificationSettings(
    @Arg('input') input: NotificationSettingsInput,
    @Ctx() ctx: BaseContext,
  ): Promise<NotificationSetting> {
    return updateSetting(ctx, input);
  }

  @Subscription(() => Notification, {
    description: 'Your new notifications as they are stored.',
    subscribe: async ({ context }: SubscribeResolverData<unknown, object, UsersContext>) => {
      const { user } = await requireAccount(context);
      return context.shared.pubSub.subscribe(NOTIFICATIONS_TOPIC, user.id);
    },
  })
  notificationAdded(@Root() event: NotificationEvent): Notification {
    return notificationFromEvent(event);
  }
}

@Resolver(() => User)
export class UserNotificationsResolver {
  @FieldResolver(() => NotificationConnection, {
    description: 'Your notifications, newest first (only for your own account).',
  })
  notifications(@Root() user: User, @Args() page: PageArgs, @Ctx() ctx: BaseContext) {
    return notificationList(ctx, user, page);
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Root() user: User, @Ctx() ctx: BaseContext): Promise<number> {
    return unreadCount(ctx, user);
  }

  @FieldResolver(() => [NotificationSetting], {
    description: 'How you hear about each kind of notification (only for your own account).',
  })
  notificationSettings(@Root() user: User, @Ctx() ctx: BaseContext) {
    return notificationSettings(ctx, user);
  }
}
