import { type BaseContext, badInput, notFound, requireViewer } from '@vp/kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in account.' })
  async me(@Ctx() { em, viewer }: BaseContext): Promise<User> {
    const { id } = requireViewer(viewer);
    const user = await em.findOne(User, { id });
    if (!user) {
      throw notFound('Your account');
    }
    return user;
  }

  @Query(() => User, { nullable: true, description: 'One account by id or by handle.' })
  async user(
    @Ctx() { em }: BaseContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('handle', { nullable: true }) handle?: string,
  ): Promise<User | null> {
    if (!id === !handle) {
      throw badInput('Give exactly one of id or handle.');
    }
    return id ? em.findOne(User, { id }) : em.findOne(User, { handle: handle!.toLowerCase() });
  }
}

export async function resolveUserReference(reference: { id: string }, { em }: BaseContext) {
  return em.findOne(User, { id: reference.id });
}
