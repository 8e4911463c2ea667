import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type VideosContext } from '../config';
import { Video } from '../videos/video.entity';
import { completeUpload, createUpload, resumeUpload } from './upload.service';
import { CreateUploadInput, CreateUploadPayload, UploadedPartInput, UploadTarget } from './upload.types';

@Resolver()
export class UploadResolver {
  @Mutation(() => CreateUploadPayload, {
    description:
      'Creates a video waiting for its file and returns a signed, expiring URL to send the file to. Signed-in users only.',
  })
  createUpload(
    @Arg('input', () => CreateUploadInput) input: CreateUploadInput,
    @Ctx() context: VideosContext,
  ): Promise<CreateUploadPayload> {
    return createUpload(context, input);
  }

  @Mutation(() => Video, {
    description:
      'Call once the file is uploaded: checks it (size, a real video) and queues processing. A refused file marks the video FAILED with the reason. Calling it again is harmless.',
  })
  completeUpload(
    @Arg('videoId', () => ID) videoId: string,
    @Ctx() context: VideosContext,
    @Arg('parts', () => [UploadedPartInput], {
      nullable: true,
      description: 'For an upload sent in parts: every part number with the ETag its PUT answered.',
    })
    parts?: UploadedPartInput[] | null,
  ): Promise<Video> {
    return completeUpload(context, videoId, parts ?? undefined);
  }

  @Mutation(() => UploadTarget, {
    description:
      'Resumes an interrupted upload of your video (still waiting for its file): signed targets for the parts not stored yet, or a fresh URL for a file sent in one request that has not arrived.',
  })
  resumeUpload(@Arg('videoId', () => ID) videoId: string, @Ctx() context: VideosContext): Promise<UploadTarget> {
    return resumeUpload(context, videoId);
  }
}
