import { type BaseContext, ConnectionType, PageArgs } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { User } from '../accounts/user.entity';
import { type UsersContext } from '../context';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.entity';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliveriesOf,
  sendTestWebhook,
  webhookEndpointsOf,
} from './webhook.service';

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery);

@InputType({ description: 'A new webhook endpoint.' })
class CreateWebhookEndpointInput {
  @Field({
    description: 'Where to POST: https (http and local addresses only on a development platform).',
  })
  url!: string;

  @Field(() => [WebhookEvent], { description: "Which of your channel's events to send." })
  events!: WebhookEvent[];
}

@ObjectType({ description: 'A new endpoint: `secret` is shown here once.' })
class CreateWebhookEndpointPayload {
  @Field({
    description:
      'whsec_…: verify each delivery with it (Standard Webhooks); it cannot be shown again.',
  })
  secret!: string;

  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'Its delivery log, newest first.',
  })
  deliveries(@Root() endpoint: WebhookEndpoint, @Args() page: PageArgs, @Ctx() ctx: BaseContext) {
    return deliveriesOf(ctx, endpoint, page.first, page.after);
  }
}

@Resolver(() => User)
export class WebhookResolver {
  @Mutation(() => CreateWebhookEndpointPayload, {
    description:
      "Sends your channel's events to a URL, signed per the Standard Webhooks spec, at least once, retried for 3 days. The secret is in this answer only.",
  })
  createWebhookEndpoint(@Arg('input') input: CreateWebhookEndpointInput, @Ctx() ctx: UsersContext) {
    return createWebhookEndpoint(ctx, ctx.webhooks, input);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes one of your webhook endpoints and its delivery log.',
  })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext) {
    return deleteWebhookEndpoint(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Queues a TEST delivery to one of your endpoints (see its delivery log).',
  })
  sendTestWebhook(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: BaseContext) {
    return sendTestWebhook(ctx, endpointId);
  }

  @FieldResolver(() => [WebhookEndpoint], {
    description: 'Your webhook endpoints, newest first (your own account only).',
  })
  webhookEndpoints(@Root() user: User, @Ctx() ctx: BaseContext) {
    return webhookEndpointsOf(ctx, user);
  }
}
