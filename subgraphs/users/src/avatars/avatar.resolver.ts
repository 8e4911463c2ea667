import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { User } from '../accounts/user.entity';
import type { UsersContext } from '../context';
import { completeAvatarUpload, createAvatarUpload } from './avatar.service';
import { AvatarUpload, CreateAvatarUploadInput } from './avatar.types';

@Resolver()
export class AvatarResolver {
  @Mutation(() => AvatarUpload, {
    description:
      'Starts changing your avatar: PUT the picture (PNG, JPEG, WebP or GIF, at most 5 MB) to the URL, then call completeAvatarUpload.',
  })
  createAvatarUpload(
    @Ctx() ctx: UsersContext,
    @Arg('input', () => CreateAvatarUploadInput) input: CreateAvatarUploadInput,
  ): Promise<AvatarUpload> {
    return createAvatarUpload(ctx, input);
  }

  @Mutation(() => User, {
    description:
      'Checks the uploaded picture and makes a square copy of it your avatar (the previous one is deleted); a refused picture leaves your avatar as it was.',
  })
  completeAvatarUpload(
    @Ctx() ctx: UsersContext,
    @Arg('uploadId', () => ID) uploadId: string,
  ): Promise<User> {
    return completeAvatarUpload(ctx, uploadId);
  }
}
