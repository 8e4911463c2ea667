import { type BaseContext, hasRole, loaderFor, Role, UNCACHED } from '@vp/kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { LiveStream } from '../streams/live-stream.entity';
import { Recording } from './recording.entity';

@Resolver(() => LiveStream)
export class RecordingResolver {
  @Directive(UNCACHED)
  @FieldResolver(() => Recording, {
    nullable: true,
    description:
      'The recording of the session (from its first publish): its owner and admins only, null for others. ' +
      'Its id is the id of the Video it becomes.',
  })
  async recording(
    @Root() stream: LiveStream,
    @Ctx() context: BaseContext,
  ): Promise<Recording | null> {
    const { viewer } = context;
    if (viewer?.id !== stream.ownerId && !hasRole(viewer, Role.ADMIN)) {
      return null;
    }
    const loader = loaderFor<string, Recording | null>(context, 'live.recording', async ids => {
      const rows = await context.em.find(Recording, { streamId: { $in: [...ids] } });
      const byStream = new Map(rows.map(row => [row.streamId, row]));
      return ids.map(id => byStream.get(id) ?? null);
    });
    return (await loader.load(stream.id)) ?? null;
  }
}
