import { Rule } from '@vp/kit';
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { type UsersContext } from '../context';
import { PushDevice, PushPlatform } from './push-device.entity';
import { registerDevice, unregisterDevice } from './push-device.service';
import { pushTokenProblem } from './push-token';

@InputType({ description: "The app's push token on this phone." })
export class RegisterPushDeviceInput {
  @Field({ description: 'The Expo push token (`ExponentPushToken[…]`).' })
  @Rule(pushTokenProblem)
  token!: string;

  @Field(() => PushPlatform)
  platform!: PushPlatform;
}

@Resolver(() => PushDevice)
export class PushDeviceResolver {
  @Mutation(() => PushDevice, {
    description:
      "Receives your notifications on this phone by push (each kind's `push` setting decides). " +
      'Idempotent per token; a token registered by another account moves to yours. At most 20 ' +
      'devices: the longest unseen go. Pushes stop when this session ends.',
  })
  registerPushDevice(
    @Arg('input') input: RegisterPushDeviceInput,
    @Ctx() ctx: UsersContext,
  ): Promise<PushDevice> {
    return registerDevice(ctx, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Stops pushes to one of your devices (the app signing out). Whether one of yours was removed; ' +
      "another account's token is left alone.",
  })
  unregisterPushDevice(@Arg('token') token: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return unregisterDevice(ctx, token);
  }
}
